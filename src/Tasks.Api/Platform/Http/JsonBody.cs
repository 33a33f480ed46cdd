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
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return JsonBodyRead.Refused(Problems.TooLarge(MaxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
        {
            return JsonBodyRead.Refused(Problems.BadBody("The request body is empty; a JSON object is required."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
        }
        catch (JsonException e)
        {
            return JsonBodyRead.Refused(Problems.BadBody($"The request body is not valid JSON, or names a field twice (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            return JsonBodyRead.Refused(Problems.BadBody("The request body must be a JSON object."));
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

    private static bool HasMediaType(HttpRequest request, string[] mediaTypes)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return false;
        }
        var charset = contentType.Charset.Value;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        return mediaTypes.Any(m => contentType.MediaType.Equals(m, StringComparison.OrdinalIgnoreCase));
    }
}
