using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.Channels;
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
/// The Lambda Runtime API (2018-06-01) on loopback: queues events, hands them to the runtime's long poll,
/// records responses and errors, and plays the SnapStart restore handshake.
/// </summary>
public sealed class RuntimeApiEmulator : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly RuntimeApiEmulatorOptions _options;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>();
    private readonly ConcurrentDictionary<string, Pending> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RuntimeError> _initErrors = new();
    private readonly ConcurrentQueue<RuntimeError> _restoreErrors = new();
    private readonly TaskCompletionSource<RuntimeError> _firstInitError = NewSource<RuntimeError>();
    private readonly TaskCompletionSource<RuntimeError> _firstRestoreError = NewSource<RuntimeError>();
    private readonly TaskCompletionSource _restoreNextCalled = NewSource();
    private readonly TaskCompletionSource _restoreReleased = NewSource();
    private WebApplication? _app;
    private int _restoreNextCalls;
    private int _enqueued;
    private int _failNextPolls;
    private int _failStatus;

    public RuntimeApiEmulator(RuntimeApiEmulatorOptions? options = null) => _options = options ?? new RuntimeApiEmulatorOptions();

    /// <summary>host:port, the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; private set; } = "";

    public IReadOnlyCollection<RuntimeError> InitErrors => _initErrors;
    public IReadOnlyCollection<RuntimeError> RestoreErrors => _restoreErrors;
    public int RestoreNextCalls => _restoreNextCalls;

    /// <summary>How many events were queued for the function (what a front door refused never is).</summary>
    public int Enqueued => Volatile.Read(ref _enqueued);

    /// <summary>Completes with the first error posted to /runtime/init/error.</summary>
    public Task<RuntimeError> FirstInitError => _firstInitError.Task;

    /// <summary>Completes with the first error posted to /runtime/restore/error.</summary>
    public Task<RuntimeError> FirstRestoreError => _firstRestoreError.Task;

    /// <summary>Completes when the runtime first calls GET /runtime/restore/next (i.e. is ready for a snapshot).</summary>
    public Task RestoreNextCalled => _restoreNextCalled.Task;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, _options.Port));
        // Kestrel's default, stated because the runtime's small POSTs must not wait on delayed ACKs.
        builder.WebHost.UseSockets(sockets => sockets.NoDelay = true);
        var app = builder.Build();
        app.MapGet(Prefix + "/invocation/next", NextAsync);
        app.MapPost(Prefix + "/invocation/{id}/response", (string id, HttpContext context) => CompleteAsync(id, context, isError: false));
        app.MapPost(Prefix + "/invocation/{id}/error", (string id, HttpContext context) => CompleteAsync(id, context, isError: true));
        app.MapPost(Prefix + "/init/error", (HttpContext context) => RecordErrorAsync(context, _initErrors, _firstInitError, "init"));
        app.MapGet(Prefix + "/restore/next", RestoreNextAsync);
        app.MapPost(Prefix + "/restore/error", (HttpContext context) => RecordErrorAsync(context, _restoreErrors, _firstRestoreError, "restore"));
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        Address = $"127.0.0.1:{address.Port}";
        _app = app;
    }

    /// <summary>Queues an event and waits for the runtime's response or error.</summary>
    public Task<InvocationResult> EnqueueAsync(string eventJson, InvocationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new InvocationOptions();
        Interlocked.Increment(ref _enqueued);
        var pending = new Pending(
            options.AwsRequestId ?? Guid.NewGuid().ToString(),
            eventJson,
            options.Timeout ?? _options.FunctionTimeout,
            options.TraceId,
            options.InvocationId);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The emulator is stopped.");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Lets a held GET /runtime/restore/next return (see <see cref="RuntimeApiEmulatorOptions.HoldRestore"/>).</summary>
    public void ReleaseRestore() => _restoreReleased.TrySetResult();

    /// <summary>Answers the next <paramref name="count"/> GET /invocation/next calls with <paramref name="statusCode"/>.</summary>
    public void FailNextPolls(int statusCode, int count = 1)
    {
        Volatile.Write(ref _failStatus, statusCode);
        Volatile.Write(ref _failNextPolls, count);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _restoreReleased.TrySetResult();
        if (_app is not null)
        {
            await _app.StopAsync(TimeSpan.FromSeconds(1));
            await _app.DisposeAsync();
        }

        foreach (var pending in _inFlight.Values)
        {
            pending.Result.TrySetCanceled();
        }

        while (_queue.Reader.TryRead(out var queued))
        {
            queued.Result.TrySetCanceled();
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        if (Volatile.Read(ref _failNextPolls) > 0 && Interlocked.Decrement(ref _failNextPolls) >= 0)
        {
            Log("GET next -> {0} (injected)", _failStatus);
            await WriteAsync(context, _failStatus, """{"errorMessage":"injected failure","errorType":"Emulator.Injected"}""");
            return;
        }

        Pending pending;
        try
        {
            pending = await _queue.Reader.ReadAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            context.Abort();
            return;
        }

        _inFlight[pending.AwsRequestId] = pending;
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = pending.AwsRequestId;
        pending.Deadline = DateTimeOffset.UtcNow.Add(pending.Timeout);
        headers["Lambda-Runtime-Deadline-Ms"] = pending.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = _options.FunctionArn;
        if (pending.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = pending.TraceId;
        }

        if (pending.InvocationId is not null)
        {
            headers["Lambda-Runtime-Invocation-Id"] = pending.InvocationId;
        }

        Log("GET next -> {0}", pending.AwsRequestId);
        await WriteAsync(context, StatusCodes.Status200OK, pending.EventJson);
    }

    private async Task CompleteAsync(string id, HttpContext context, bool isError)
    {
        var answeredAt = DateTimeOffset.UtcNow;
        var body = await ReadBodyAsync(context);
        if (!_inFlight.TryRemove(id, out var pending))
        {
            Log("POST {0} for unknown or finished {1} -> 400", isError ? "error" : "response", id);
            await WriteAsync(context, StatusCodes.Status400BadRequest, """{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}""");
            return;
        }

        var requestHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var error = isError ? new RuntimeError(context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), body) : null;
        Log("POST {0} {1} ({2} bytes)", isError ? "error" : "response", id, body.Length);
        pending.Result.TrySetResult(new InvocationResult(id, isError ? null : body, error, requestHeaders)
        {
            Deadline = pending.Deadline,
            AnsweredAt = answeredAt,
        });
        await WriteAsync(context, StatusCodes.Status202Accepted, """{"status":"OK"}""");
    }

    private async Task RecordErrorAsync(HttpContext context, ConcurrentQueue<RuntimeError> errors, TaskCompletionSource<RuntimeError> first, string kind)
    {
        var error = new RuntimeError(context.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), await ReadBodyAsync(context));
        errors.Enqueue(error);
        first.TrySetResult(error);
        Log("POST {0}/error {1}: {2}", kind, error.ErrorType ?? "", error.Body);
        await WriteAsync(context, StatusCodes.Status202Accepted, """{"status":"OK"}""");
    }

    private async Task RestoreNextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _restoreNextCalls);
        _restoreNextCalled.TrySetResult();
        Log("GET restore/next");
        if (_options.HoldRestore)
        {
            await _restoreReleased.Task.WaitAsync(context.RequestAborted);
        }

        await WriteAsync(context, StatusCodes.Status200OK, "");
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    // One buffer with a known length: a single write, no chunking.
    private static Task WriteAsync(HttpContext context, int status, string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = bytes.Length;
        return context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private void Log(string format, params object[] args) =>
        _options.Log?.Invoke(string.Format(CultureInfo.InvariantCulture, format, args));

    private static TaskCompletionSource<T> NewSource<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record Pending(string AwsRequestId, string EventJson, TimeSpan Timeout, string? TraceId, string? InvocationId)
    {
        public TaskCompletionSource<InvocationResult> Result { get; } = NewSource<InvocationResult>();

        /// <summary>Set when the invocation is handed out, as the Runtime API computes it.</summary>
        public DateTimeOffset Deadline { get; set; }
    }
}
