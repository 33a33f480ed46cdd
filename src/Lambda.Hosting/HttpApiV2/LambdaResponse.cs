using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lambda.Hosting.HttpApiV2;

/// <summary>
/// The response side of one invocation. The body is buffered (a synchronous Lambda response is one JSON document);
/// buffering stops past the payload limit so a runaway body cannot exhaust memory.
/// </summary>
internal sealed class LambdaResponse : IHttpResponseFeature, IHttpResponseBodyFeature, IHttpBodyControlFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
    private readonly ResponseBodyStream _body;
    private PipeWriter? _writer;

    public LambdaResponse(int maxBodyBytes) => _body = new ResponseBodyStream(this, maxBodyBytes);

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public bool HasStarted { get; private set; }

    // Kestrel's default; the same app must behave the same on both servers.
    public bool AllowSynchronousIO { get; set; }

    Stream IHttpResponseFeature.Body { get => _body; set => throw new NotSupportedException("Replace IHttpResponseBodyFeature instead."); }
    public Stream Stream => _body;
    public PipeWriter Writer => _writer ??= PipeWriter.Create(_body, new StreamPipeWriterOptions(leaveOpen: true));

    public ReadOnlyMemory<byte> BodyBytes => _body.Written;
    public bool BodyTooLarge => _body.Overflowed;

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Add((callback, state));
    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void DisableBuffering()
    {
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }

        HasStarted = true;
        // Like Kestrel: callbacks run last-registered first.
        for (var i = _onStarting.Count - 1; i >= 0; i--)
        {
            await _onStarting[i].Callback(_onStarting[i].State);
        }

        if (Headers is HeaderDictionary headers)
        {
            headers.IsReadOnly = true;
        }
    }

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(_body, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.CompleteAsync();
        }

        await StartAsync();
    }

    public async Task FireOnCompletedAsync()
    {
        List<Exception>? errors = null;
        for (var i = _onCompleted.Count - 1; i >= 0; i--)
        {
            try
            {
                await _onCompleted[i].Callback(_onCompleted[i].State);
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException(errors);
        }
    }
}
