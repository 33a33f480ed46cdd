using System.Net.Sockets;
using System.Text;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 written byte by byte, for what HttpClient will not send: a lower-case method (it normalises known
/// method names), a broken chunked body. One request per connection (Connection: close).
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, string? ContentType, string Headers, string Body);

    public static async Task<Answer> SendAsync(Uri server, string method, string target, IEnumerable<KeyValuePair<string, string>> headers, byte[]? body, string? rawBody = null)
    {
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }
        if (body is not null)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }
        head.Append("\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.ToString()));
        await stream.WriteAsync(body ?? Encoding.ASCII.GetBytes(rawBody ?? ""));
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException)
        {
            // A server that refuses a broken body may reset the connection once it has answered.
        }
        return Parse(Encoding.UTF8.GetString(received.ToArray()));
    }

    private static Answer Parse(string text)
    {
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return new Answer(0, null, text, "");
        }
        var headers = text[..split];
        var body = text[(split + 4)..];
        var lines = headers.Split("\r\n");
        string? Header(string name) => lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim()).FirstOrDefault();
        if (Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
        {
            var decoded = new StringBuilder();
            var rest = body;
            while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var end and > 0
                && int.Parse(rest[..end], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) is var size and > 0)
            {
                decoded.Append(rest.AsSpan(end + 2, size));
                rest = rest[(end + 2 + size + 2)..];
            }
            body = decoded.ToString();
        }
        return new Answer(int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), Header("Content-Type")?.Split(';')[0], headers, body);
    }
}
