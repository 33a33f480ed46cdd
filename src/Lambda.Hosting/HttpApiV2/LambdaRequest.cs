using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lambda.Hosting.HttpApiV2;

/// <summary>The request side of one invocation: one object behind several small features.</summary>
internal sealed class LambdaRequest :
    IHttpRequestFeature,
    IHttpRequestBodyDetectionFeature,
    IHttpConnectionFeature,
    IHttpRequestIdentifierFeature,
    IHttpRequestLifetimeFeature
{
    private CancellationTokenSource? _aborted;

    public string Protocol { get; set; } = "HTTP/1.1";
    public string Scheme { get; set; } = "https";
    public string Method { get; set; } = HttpMethods.Get;
    public string PathBase { get; set; } = "";
    public string Path { get; set; } = "/";
    public string QueryString { get; set; } = "";
    public string RawTarget { get; set; } = "/";
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public Stream Body { get; set; } = Stream.Null;
    public bool CanHaveBody { get; set; }

    public string ConnectionId { get; set; } = "";
    public IPAddress? RemoteIpAddress { get; set; }
    public IPAddress? LocalIpAddress { get; set; }
    public int RemotePort { get; set; }
    public int LocalPort { get; set; }

    public string TraceIdentifier { get; set; } = "";

    /// <summary>The mutual-TLS client certificate (PEM) API Gateway verified, if the domain requires one.</summary>
    public string? ClientCertificatePem { get; set; }

    public CancellationToken RequestAborted { get; set; }

    /// <summary>Cancels <see cref="RequestAborted"/> after <paramref name="delay"/> (at once if not positive).</summary>
    public void AbortAfter(TimeSpan delay, CancellationToken stopping)
    {
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        RequestAborted = _aborted.Token;
        if (delay <= TimeSpan.Zero)
        {
            _aborted.Cancel();
        }
        else if (delay < TimeSpan.FromMilliseconds(uint.MaxValue - 1))
        {
            _aborted.CancelAfter(delay);
        }
    }

    public bool DeadlineReached => _aborted?.IsCancellationRequested ?? false;

    public void Abort() => _aborted?.Cancel();

    public void Release() => _aborted?.Dispose();
}
