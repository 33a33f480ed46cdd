using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Lambda.Hosting.RuntimeApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Lambda.Hosting.HttpApiV2;

/// <summary>HTTP API payload 2.0 to ASP.NET Core features, and the response back.</summary>
internal static partial class HttpApiV2Translator
{
    /// <summary>The synchronous invocation payload limit (6 MB) applies to the whole response document.</summary>
    public const int MaxResponsePayloadBytes = 6 * 1024 * 1024;

    private const string DefaultStage = "$default";
    private static readonly IReadOnlyDictionary<string, string> NoClaims = new Dictionary<string, string>();

    public static (LambdaRequest Request, LambdaInvocationFeature Invocation) CreateRequest(
        HttpApiV2Request evt, LambdaInvocation invocation, string? customDomainPathBase = null)
    {
        var context = evt.RequestContext ?? new HttpApiV2RequestContext();
        var stage = context.Stage ?? DefaultStage;
        var rawPath = string.IsNullOrEmpty(evt.RawPath) ? "/" : evt.RawPath;
        var rawQuery = evt.RawQueryString ?? "";

        var request = new LambdaRequest
        {
            Method = context.Http?.Method ?? HttpMethods.Get,
            Protocol = context.Http?.Protocol ?? "HTTP/1.1",
            QueryString = rawQuery.Length == 0 ? "" : "?" + rawQuery,
            RawTarget = rawQuery.Length == 0 ? rawPath : rawPath + "?" + rawQuery,
            ConnectionId = context.RequestId ?? invocation.AwsRequestId,
            TraceIdentifier = invocation.AwsRequestId,
            RemoteIpAddress = IPAddress.TryParse(context.Http?.SourceIp, out var ip) ? ip : null,
            ClientCertificatePem = context.Authentication?.ClientCert?.ClientCertPem,
        };
        var prefix = IsExecuteApiDomain(context.DomainName)
            ? (stage == DefaultStage ? "" : "/" + stage)
            : customDomainPathBase ?? "";
        (request.PathBase, request.Path) = SplitPathBase(rawPath, prefix);

        IHeaderDictionary headers = new HeaderDictionary();
        if (evt.Headers is not null)
        {
            foreach (var (name, value) in evt.Headers)
            {
                // v2 joins repeated headers with commas; splitting would break User-Agent, Date and friends.
                headers[name] = value;
            }
        }

        if (evt.Cookies is { Count: > 0 } cookies)
        {
            headers.Cookie = string.Join("; ", cookies);
        }

        if (StringValues.IsNullOrEmpty(headers.Host) && !string.IsNullOrEmpty(context.DomainName))
        {
            headers.Host = context.DomainName;
        }

        var body = DecodeBody(evt);
        if (body.Length > 0)
        {
            request.Body = new MemoryStream(body, writable: false);
            request.CanHaveBody = true;
            headers.ContentLength = body.Length;
        }
        else if (headers.ContentLength is not null)
        {
            headers.ContentLength = 0;
        }

        request.Headers = headers;

        var feature = new LambdaInvocationFeature
        {
            AwsRequestId = invocation.AwsRequestId,
            Deadline = invocation.Deadline,
            InvokedFunctionArn = invocation.InvokedFunctionArn,
            TraceId = invocation.TraceId,
            ApiRequestId = context.RequestId ?? "",
            Stage = stage,
            JwtClaims = ReadClaims(context.Authorizer?.Jwt?.Claims),
            Scopes = context.Authorizer?.Jwt?.Scopes ?? [],
        };
        return (request, feature);
    }

    public static FeatureCollection CreateFeatures(LambdaRequest request, LambdaResponse response, ILambdaInvocationFeature invocation)
    {
        var features = new FeatureCollection(10);
        features.Set<IHttpRequestFeature>(request);
        features.Set<IHttpRequestBodyDetectionFeature>(request);
        features.Set<IHttpConnectionFeature>(request);
        features.Set<IHttpRequestIdentifierFeature>(request);
        features.Set<IHttpRequestLifetimeFeature>(request);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        features.Set<IHttpBodyControlFeature>(response);
        features.Set(invocation);
        if (request.ClientCertificatePem is { Length: > 0 } pem)
        {
            features.Set<ITlsConnectionFeature>(new ClientCertificateFeature(pem));
        }

        return features;
    }

    /// <summary>
    /// Only the API's own <c>{apiId}.execute-api.{region}.amazonaws.com</c> domain puts a named stage in front of
    /// <c>rawPath</c>; a custom domain maps straight to a stage and its API mapping key stays in the path.
    /// </summary>
    internal static bool IsExecuteApiDomain(string? domainName)
    {
        if (string.IsNullOrEmpty(domainName))
        {
            return false;
        }

        var firstDot = domainName.IndexOf('.', StringComparison.Ordinal);
        return firstDot > 0
            && domainName.AsSpan(firstDot).StartsWith(".execute-api.", StringComparison.OrdinalIgnoreCase)
            && (domainName.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
                || domainName.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A known prefix of <c>rawPath</c> (the stage, or a configured path base) belongs to PathBase, as behind any path-based reverse proxy.</summary>
    internal static (string PathBase, string Path) SplitPathBase(string rawPath, string prefix)
    {
        var pathBase = "";
        var path = rawPath;
        if (prefix.Length > 1
            && rawPath.StartsWith(prefix, StringComparison.Ordinal)
            && (rawPath.Length == prefix.Length || rawPath[prefix.Length] == '/'))
        {
            pathBase = prefix;
            path = rawPath[prefix.Length..];
            if (path.Length == 0)
            {
                path = "/";
            }
        }

        return (DecodePath(pathBase), DecodePath(path));
    }

    /// <summary>Unescapes like Kestrel: everything but %2F, which would change the path's segments.</summary>
    internal static string DecodePath(string rawPath)
    {
        if (!rawPath.Contains('%', StringComparison.Ordinal))
        {
            return rawPath;
        }

        // Split keeps the captured %2F separators at odd indexes; only the pieces between them are unescaped.
        var pieces = EncodedSlash().Split(rawPath);
        for (var i = 0; i < pieces.Length; i += 2)
        {
            pieces[i] = Uri.UnescapeDataString(pieces[i]);
        }

        return string.Concat(pieces);
    }

    [GeneratedRegex("(%2[fF])", RegexOptions.CultureInvariant)]
    private static partial Regex EncodedSlash();

    public static HttpApiV2Response CreateResponse(LambdaResponse response)
    {
        Dictionary<string, string>? headers = null;
        List<string>? cookies = null;
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
            {
                // v2 has no multi-value headers: every cookie travels in `cookies` and becomes its own Set-Cookie.
                cookies ??= [];
                foreach (var cookie in values)
                {
                    if (!string.IsNullOrEmpty(cookie))
                    {
                        cookies.Add(cookie);
                    }
                }
            }
            else if (!string.Equals(name, HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase))
            {
                // API Gateway computes Content-Length for the body it actually sends.
                headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                headers[name] = values.Count == 1 ? values[0] ?? "" : string.Join(", ", values.ToArray());
            }
        }

        var body = response.BodyBytes;
        // A JSON string carries Unicode text, so only bytes that decode as UTF-8 without loss may travel as one.
        var isText = body.Length == 0 || (IsText(response.Headers) && Utf8.IsValid(body.Span));
        return new HttpApiV2Response
        {
            StatusCode = response.StatusCode,
            Headers = headers,
            Cookies = cookies,
            Body = body.Length == 0 ? null : isText ? Encoding.UTF8.GetString(body.Span) : Convert.ToBase64String(body.Span),
            IsBase64Encoded = !isText,
        };
    }

    public static HttpApiV2Response CreateProblem(int status, string title, string? detail, string requestId)
    {
        var problem = new ProblemBody("https://tools.ietf.org/html/rfc9110#section-15.6." + (status - 499), title, status, detail, requestId);
        return new HttpApiV2Response
        {
            StatusCode = status,
            Headers = new(StringComparer.OrdinalIgnoreCase) { [HeaderNames.ContentType] = "application/problem+json" },
            Body = JsonSerializer.Serialize(problem, LambdaJsonContext.Relaxed.ProblemBody),
        };
    }

    /// <summary>Text travels as-is when its bytes are UTF-8; anything else (images, gzip, octet-stream, other charsets) as base64.</summary>
    internal static bool IsText(IHeaderDictionary headers)
    {
        if (!StringValues.IsNullOrEmpty(headers.ContentEncoding)
            && !string.Equals(headers.ContentEncoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParse(headers.ContentType.ToString(), out var contentType))
        {
            return false;
        }

        var charset = contentType.Charset;
        if (charset.HasValue
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = contentType.Type;
        var subType = contentType.SubType;
        if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && (subType.Equals("json", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("xml", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("javascript", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                || subType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
                || subType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase));
    }

    private static byte[] DecodeBody(HttpApiV2Request evt)
    {
        if (string.IsNullOrEmpty(evt.Body))
        {
            return [];
        }

        return evt.IsBase64Encoded ? Convert.FromBase64String(evt.Body) : Encoding.UTF8.GetBytes(evt.Body);
    }

    private static IReadOnlyDictionary<string, string> ReadClaims(Dictionary<string, JsonElement>? claims)
    {
        if (claims is null || claims.Count == 0)
        {
            return NoClaims;
        }

        var result = new Dictionary<string, string>(claims.Count, StringComparer.Ordinal);
        foreach (var (name, value) in claims)
        {
            result[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        return result;
    }
}
