using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Tasks.Api.Platform.Http;

/// <summary>
/// Reads a JSON request body with the checks the API promises: the media type (415), a size cap
/// (413), well-formed JSON (400) with a JSON object at the top. Binding to a type comes after, so a
/// syntax error and a wrong field can each be told apart in the answer.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;
    public const string JsonMediaType = "application/json";
    public const string MergePatchMediaType = "application/merge-patch+json";

    /// <summary>Duplicate names are refused here, at any depth, before any binding or merge patch sees them.</summary>
    private const string UnpairedSurrogate = "The request body has a string or field name with an unpaired surrogate escape (\\uD800 to \\uDFFF alone).";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static async Task<JsonBodyRead> ReadObjectAsync(
        HttpRequest request, string[] mediaTypes, CancellationToken cancellationToken)
    {
        if (!HasMediaType(request, mediaTypes))
        {
            return JsonBodyRead.Refused(Problems.UnsupportedMediaType(mediaTypes));
        }
        if (request.ContentLength > MaxBytes)
        {
            return JsonBodyRead.Refused(Problems.TooLarge(MaxBytes));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBytes)
                {
                    return JsonBodyRead.Refused(Problems.TooLarge(MaxBytes));
                }
                buffer.Write(chunk, 0, read);
            }
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            // The client broke the body (reset, framing): its fault, not the store's, so never a 503.
            return JsonBodyRead.Refused(Problems.BadBody("The request body could not be read to its end."));
        }
        if (buffer.Length == 0)
        {
            return JsonBodyRead.Refused(Problems.BadBody("The request body is empty; a JSON object is required."));
        }

        var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        // RFC 8259 section 8.1 lets a parser ignore a leading byte order mark; editors on Windows still write one.
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return JsonBodyRead.Refused(Problems.BadBody($"The request body is not valid JSON, or names a field twice{where}."));
        }
        catch (InvalidOperationException)
        {
            // The duplicate-name check decodes every field name; an unpaired surrogate escape in one cannot decode.
            return JsonBodyRead.Refused(Problems.BadBody(UnpairedSurrogate));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return JsonBodyRead.Refused(Problems.BadBody("The request body must be a JSON object."));
        }
        if (!IsValidText(json.Span))
        {
            document.Dispose();
            return JsonBodyRead.Refused(Problems.BadBody(UnpairedSurrogate));
        }
        return JsonBodyRead.Read(document);
    }

    /// <summary>Binds a JSON object to <typeparamref name="T"/>; unknown fields, duplicates and wrong types are refused, keyed by the JSON path that failed.</summary>
    public static bool TryBind<T>(JsonElement element, JsonSerializerOptions options, [NotNullWhen(true)] out T? value, out Dictionary<string, string[]> errors)
        where T : class
    {
        errors = [];
        try
        {
            value = element.Deserialize(options.TypeInfo<T>())!;
            return true;
        }
        catch (JsonException e)
        {
            errors[string.IsNullOrEmpty(e.Path) ? "$" : e.Path] = ["This field has the wrong type, appears twice, or is not a known field."];
            value = null;
            return false;
        }
    }

    /// <summary>
    /// The parser accepts any <c>\uXXXX</c> escape and decodes one only when asked, so an escaped lone surrogate
    /// (in a value or a field name) would surface later, in a merge patch or a binding error, as an exception.
    /// The escapes of the (already well-formed) document are checked here once: every surrogate escape must pair.
    /// </summary>
    private static bool IsValidText(ReadOnlySpan<byte> json)
    {
        var i = json.IndexOf((byte)'\\');
        while (i >= 0 && i < json.Length - 1)
        {
            if (json[i + 1] != 'u')
            {
                i += 2;
            }
            else
            {
                var unit = Hex(json.Slice(i + 2, 4));
                if (char.IsLowSurrogate(unit))
                {
                    return false;
                }
                i += 6;
                if (char.IsHighSurrogate(unit))
                {
                    if (i + 6 > json.Length || json[i] != '\\' || json[i + 1] != 'u' || !char.IsLowSurrogate(Hex(json.Slice(i + 2, 4))))
                    {
                        return false;
                    }
                    i += 6;
                }
            }
            var next = json[i..].IndexOf((byte)'\\');
            i = next < 0 ? -1 : i + next;
        }
        return true;

        static char Hex(ReadOnlySpan<byte> digits) =>
            (char)int.Parse(System.Text.Encoding.ASCII.GetString(digits), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool HasMediaType(HttpRequest request, string[] mediaTypes)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return false;
        }
        // A parameter value may be quoted (RFC 9110 section 5.6.6): charset="utf-8" is charset=utf-8.
        var charset = HeaderUtilities.RemoveQuotes(contentType.Charset).Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return mediaTypes.Any(m => contentType.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase));
    }
}
