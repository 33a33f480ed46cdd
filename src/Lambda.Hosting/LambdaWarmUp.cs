using System.Text.Json;
using Lambda.Hosting.HttpApiV2;
using Lambda.Hosting.RuntimeApi;

namespace Lambda.Hosting;

/// <summary>
/// Sends synthetic HTTP API requests through the exact invocation path (event JSON, translation, middleware,
/// endpoint, response JSON) without the Runtime API, so a before-snapshot hook can prime JIT and caches.
/// Resolvable from DI in Lambda mode.
/// </summary>
public sealed class LambdaWarmUp
{
    private readonly LambdaServer _server;
    private int _count;

    internal LambdaWarmUp(LambdaServer server) => _server = server;

    /// <summary>Sends one request and returns its status code; the response is discarded.</summary>
    /// <param name="method">The HTTP method, e.g. <c>GET</c>.</param>
    /// <param name="pathAndQuery">An encoded path with an optional query, e.g. <c>/tasks?limit=1</c>.</param>
    /// <param name="body">An optional UTF-8 body.</param>
    /// <param name="contentType">The body's media type.</param>
    /// <param name="jwtClaims">Claims as a JWT authorizer would pass them, so authenticated routes are warmed too.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<int> SendAsync(
        string method,
        string pathAndQuery,
        string? body = null,
        string contentType = "application/json",
        IReadOnlyDictionary<string, string>? jwtClaims = null,
        CancellationToken cancellationToken = default)
    {
        var processor = _server.Processor ?? throw new InvalidOperationException("The app has not started yet.");
        var n = Interlocked.Increment(ref _count);
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var headers = new Dictionary<string, string> { ["host"] = "localhost", ["user-agent"] = "Lambda.Hosting warm-up" };
        if (body is not null)
        {
            headers["content-type"] = contentType;
        }

        var evt = new HttpApiV2Request
        {
            Version = "2.0",
            RouteKey = "$default",
            RawPath = query < 0 ? pathAndQuery : pathAndQuery[..query],
            RawQueryString = query < 0 ? "" : pathAndQuery[(query + 1)..],
            Headers = headers,
            Body = body,
            RequestContext = new HttpApiV2RequestContext
            {
                DomainName = "localhost",
                RequestId = $"warm-up-{n}",
                Stage = "$default",
                TimeEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Http = new HttpApiV2Http { Method = method, Path = pathAndQuery, Protocol = "HTTP/1.1", SourceIp = "127.0.0.1" },
                Authorizer = jwtClaims is null ? null : new HttpApiV2Authorizer
                {
                    Jwt = new HttpApiV2Jwt
                    {
                        Claims = jwtClaims.ToDictionary(c => c.Key, c => JsonSerializer.SerializeToElement(c.Value, LambdaJsonContext.Default.String)),
                    },
                },
            },
        };
        var invocation = new LambdaInvocation(
            $"warm-up-{n}",
            DateTimeOffset.UtcNow.AddMinutes(1),
            "",
            null,
            null,
            JsonSerializer.SerializeToUtf8Bytes(evt, LambdaJsonContext.Default.HttpApiV2Request));

        var status = 0;
        await processor.ProcessAsync(invocation, response => { status = response.StatusCode; return Task.CompletedTask; }, cancellationToken);
        return status;
    }
}
