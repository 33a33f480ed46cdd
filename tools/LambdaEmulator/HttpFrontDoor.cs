using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LambdaEmulator;

/// <summary>
/// A local stand-in for an API Gateway HTTP API ($default stage, payload 2.0): real HTTP in, v2 event to the
/// emulator, v2 response back out as HTTP. Lets curl drive an app in Lambda mode. With a <see cref="JwtAuthorizer"/>,
/// requests to routes that are not public are authorized first, and refused ones never reach the function.
/// </summary>
public sealed class HttpFrontDoor(RuntimeApiEmulator emulator, int port = 0, JwtAuthorizer? authorizer = null) : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The front door's base URL.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            // API Gateway sends no Server header; the answer should show only what the app set.
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        builder.WebHost.UseSockets(sockets => sockets.NoDelay = true);
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(1));
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        JwtAuthorization? authorization = null;
        if (authorizer is not null && !authorizer.IsPublic(context.Request))
        {
            authorization = await authorizer.AuthorizeAsync(context.Request, context.RequestAborted);
            if (!authorization.Allowed)
            {
                context.Response.Headers.WWWAuthenticate = JwtAuthorizer.Challenge(authorization.Error!);
                await WriteAsync(context.Response, 401, "application/json", JwtAuthorizer.UnauthorizedBody);
                return;
            }
        }

        var eventJson = await ToEventAsync(context, authorization);
        InvocationResult result;
        try
        {
            result = await emulator.EnqueueAsync(eventJson, cancellationToken: context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (result.Response is null)
        {
            // What API Gateway answers when the function fails.
            await WriteAsync(context.Response, 500, "application/json", Encoding.UTF8.GetBytes("""{"message":"Internal Server Error"}"""));
            return;
        }

        await FromResponseAsync(context.Response, result.Response);
    }

    internal static async Task<string> ToEventAsync(HttpContext context, JwtAuthorization? authorization = null)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var now = DateTimeOffset.UtcNow;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "2.0");
            json.WriteString("routeKey", "$default");
            json.WriteString("rawPath", rawPath);
            json.WriteString("rawQueryString", rawQuery);

            var cookies = request.Headers.Cookie.ToString();
            if (cookies.Length > 0)
            {
                json.WriteStartArray("cookies");
                foreach (var cookie in cookies.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    json.WriteStringValue(cookie);
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("headers");
            foreach (var (name, values) in request.Headers)
            {
                if (!string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    // Like API Gateway: lower-case names, repeated values joined with a comma.
                    json.WriteString(name.ToLowerInvariant(), string.Join(',', values.ToArray()));
                }
            }

            json.WriteEndObject();

            json.WriteStartObject("requestContext");
            json.WriteString("accountId", "123456789012");
            json.WriteString("apiId", "local");
            json.WriteString("domainName", request.Host.Host);
            json.WriteString("domainPrefix", request.Host.Host.Split('.')[0]);
            json.WriteStartObject("http");
            json.WriteString("method", request.Method);
            json.WriteString("path", rawPath);
            json.WriteString("protocol", request.Protocol);
            json.WriteString("sourceIp", context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1");
            json.WriteString("userAgent", request.Headers.UserAgent.ToString());
            json.WriteEndObject();
            json.WriteString("requestId", Convert.ToBase64String(Guid.NewGuid().ToByteArray())[..16]);
            json.WriteString("routeKey", "$default");
            json.WriteString("stage", "$default");
            json.WriteString("time", now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture));
            json.WriteNumber("timeEpoch", now.ToUnixTimeMilliseconds());
            if (authorization?.Claims is { } claims)
            {
                json.WriteStartObject("authorizer");
                json.WriteStartObject("jwt");
                json.WriteStartObject("claims");
                foreach (var (name, value) in claims)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
                if (authorization.Scopes is { } scopes)
                {
                    json.WriteStartArray("scopes");
                    scopes.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("scopes");
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();

            if (body.Length > 0)
            {
                // Bytes that are not UTF-8 cannot travel as a JSON string: they go base64, whatever the media type.
                var isText = IsText(request.ContentType) && System.Text.Unicode.Utf8.IsValid(body.GetBuffer().AsSpan(0, (int)body.Length));
                json.WriteString("body", isText ? Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length) : Convert.ToBase64String(body.GetBuffer(), 0, (int)body.Length));
                json.WriteBoolean("isBase64Encoded", !isText);
            }
            else
            {
                json.WriteBoolean("isBase64Encoded", false);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static async Task FromResponseAsync(HttpResponse response, string responseJson)
    {
        using var document = JsonDocument.Parse(responseJson);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var status))
        {
            // Payload 2.0 without statusCode: API Gateway returns the whole document as a 200 JSON body.
            await WriteAsync(response, 200, "application/json", Encoding.UTF8.GetBytes(responseJson));
            return;
        }

        response.StatusCode = status.GetInt32();
        if (root.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in headers.EnumerateObject())
            {
                response.Headers[header.Name] = header.Value.GetString();
            }
        }

        if (root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            response.Headers.SetCookie = cookies.EnumerateArray().Select(c => c.GetString()).ToArray();
        }

        var bytes = Array.Empty<byte>();
        if (root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
        {
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            bytes = base64 ? Convert.FromBase64String(body.GetString()!) : Encoding.UTF8.GetBytes(body.GetString()!);
        }

        await WriteAsync(response, response.StatusCode, null, bytes);
    }

    private static async Task WriteAsync(HttpResponse response, int status, string? contentType, byte[] bytes)
    {
        response.StatusCode = status;
        if (contentType is not null)
        {
            response.ContentType = contentType;
        }

        if (bytes.Length > 0 || (status != 204 && status != 304))
        {
            response.ContentLength = bytes.Length;
        }

        if (bytes.Length > 0)
        {
            await response.Body.WriteAsync(bytes);
        }
    }

    private static bool IsText(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("/xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/javascript", StringComparison.OrdinalIgnoreCase);
    }
}
