using System.Text;
using System.Text.Json;

namespace ColdStart;

/// <summary>HTTP API (payload 2.0) events as API Gateway sends them for the $default stage.</summary>
internal static class Events
{
    public static string Get(string path, string query = "") => Create("GET", path, query, null);

    public static string Post(string path, string body) => Create("POST", path, "", body);

    public static string Create(string method, string path, string query, string? body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", "$default");
            json.WriteString("rawPath", path);
            json.WriteString("rawQueryString", query);
            json.WriteStartObject("headers");
            json.WriteString("accept", "application/json");
            json.WriteString("host", "abc123.execute-api.us-east-1.amazonaws.com");
            json.WriteString("user-agent", "bench/1.0");
            json.WriteString("x-forwarded-proto", "https");
            if (body is not null)
            {
                json.WriteString("content-type", "application/json");
                json.WriteString("content-length", Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            json.WriteStartObject("requestContext");
            json.WriteString("accountId", "123456789012");
            json.WriteString("apiId", "abc123");
            json.WriteString("domainName", "abc123.execute-api.us-east-1.amazonaws.com");
            json.WriteString("domainPrefix", "abc123");
            json.WriteStartObject("http");
            json.WriteString("method", method);
            json.WriteString("path", path);
            json.WriteString("protocol", "HTTP/1.1");
            json.WriteString("sourceIp", "203.0.113.7");
            json.WriteString("userAgent", "bench/1.0");
            json.WriteEndObject();
            json.WriteString("requestId", Guid.NewGuid().ToString("N")[..16]);
            json.WriteString("routeKey", "$default");
            json.WriteString("stage", "$default");
            json.WriteNumber("timeEpoch", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteEndObject();
            if (body is not null)
            {
                json.WriteString("body", body);
            }

            json.WriteBoolean("isBase64Encoded", false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The same request for Kestrel.</summary>
    public static HttpRequestMessage ToHttp(string evt)
    {
        var root = JsonDocument.Parse(evt).RootElement;
        var query = root.GetProperty("rawQueryString").GetString();
        var uri = root.GetProperty("rawPath").GetString() + (string.IsNullOrEmpty(query) ? "" : "?" + query);
        var request = new HttpRequestMessage(new HttpMethod(root.GetProperty("requestContext").GetProperty("http").GetProperty("method").GetString()!), uri);
        if (root.TryGetProperty("body", out var body))
        {
            request.Content = new StringContent(body.GetString()!, Encoding.UTF8, "application/json");
        }

        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }
}
