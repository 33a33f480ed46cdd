using Lambda.Hosting.RuntimeApi;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Lambda.Hosting;

/// <summary>
/// An <see cref="IServer"/> fed by the Lambda Runtime API instead of a socket: one invocation at a time,
/// starting once the whole host has started so no event is taken while the app is still initialising.
/// </summary>
internal sealed partial class LambdaServer : IServer
{
    private const string SnapStart = "snap-start";

    private readonly LambdaHostingOptions _options;
    private readonly RuntimeApiClient _client;
    private readonly LambdaInitState _initState;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IServiceProvider _services;
    private readonly ILogger<LambdaServer> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _started;
    private int _disposed;

    public LambdaServer(
        LambdaHostingOptions options,
        RuntimeApiClient client,
        LambdaInitState initState,
        IHostApplicationLifetime lifetime,
        IServiceProvider services,
        ILogger<LambdaServer> logger)
    {
        _options = options;
        _client = client;
        _initState = initState;
        _lifetime = lifetime;
        _services = services;
        _logger = logger;
        Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());
    }

    public IFeatureCollection Features { get; } = new FeatureCollection();

    internal IInvocationProcessor? Processor { get; private set; }

    /// <summary>Completes when the invocation loop has ended (stopped or failed).</summary>
    internal Task Completion => _completion.Task;

    /// <summary>The error that ended the loop, if any.</summary>
    internal Exception? FatalError { get; private set; }

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        Processor = new InvocationProcessor<TContext>(application, _options, _logger);
        _started = _lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => RunAsync(_stopping.Token)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_lifetime.ApplicationStarted.IsCancellationRequested)
        {
            await _completion.Task.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        // Registered as itself and as IServer: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _started.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            if (string.Equals(_options.InitializationType, SnapStart, StringComparison.Ordinal))
            {
                await SnapshotAndRestoreAsync(stopping);
            }

            _initState.MarkInitialized();
            while (true)
            {
                var invocation = await _client.NextAsync(stopping);
                await HandleAsync(invocation, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            _completion.TrySetResult();
        }
    }

    private async Task HandleAsync(LambdaInvocation invocation, CancellationToken stopping)
    {
        // The X-Ray SDK reads the trace header from the environment, per invocation.
        Environment.SetEnvironmentVariable("_X_AMZN_TRACE_ID", invocation.TraceId);
        try
        {
            await Processor!.ProcessAsync(invocation, r => _client.PostResponseAsync(invocation, r.Json, stopping), stopping);
        }
        catch (Exception ex) when (!IsFatal(ex, stopping))
        {
            LogInvocationFailed(ex, invocation.AwsRequestId);
            try
            {
                var errorType = ex is InvalidEventException ? "Runtime.InvalidEvent" : "Runtime.UnknownReason";
                await _client.PostInvocationErrorAsync(invocation, ex, errorType, stopping);
            }
            catch (RuntimeApiException error) when (!error.IsFatal)
            {
                // Typically 400: the response was already posted and the failure came afterwards.
                LogInvocationFailed(error, invocation.AwsRequestId);
            }
        }
    }

    private async Task SnapshotAndRestoreAsync(CancellationToken stopping)
    {
        var hooks = _services.GetServices<ILambdaSnapStartHook>().ToArray();
        try
        {
            foreach (var hook in hooks)
            {
                await hook.BeforeSnapshotAsync(stopping);
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            await _initState.ReportAsync(ex, "Runtime.BeforeSnapshotError", _client, stopping);
            throw;
        }

        LogAwaitingRestore(hooks.Length);
        await _client.RestoreNextAsync(stopping);
        try
        {
            foreach (var hook in hooks)
            {
                await hook.AfterRestoreAsync(stopping);
            }
        }
        catch (Exception ex) when (!stopping.IsCancellationRequested)
        {
            await _client.PostRestoreErrorAsync(ex, "Runtime.AfterRestoreError", stopping);
            throw;
        }
    }

    private static bool IsFatal(Exception ex, CancellationToken stopping) =>
        ex is RuntimeApiException { IsFatal: true } or HttpRequestException
        || (ex is OperationCanceledException && stopping.IsCancellationRequested);

    private void Fail(Exception ex)
    {
        FatalError = ex;
        LogFatal(ex);
        if (_options.SetExitCodeOnFatalError)
        {
            Environment.ExitCode = 1;
        }

        _lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {AwsRequestId} failed before a response could be sent.")]
    private partial void LogInvocationFailed(Exception exception, string awsRequestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ran {Count} before-snapshot hook(s); waiting for restore.")]
    private partial void LogAwaitingRestore(int count);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The Lambda runtime loop stopped; the process exits.")]
    private partial void LogFatal(Exception exception);

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [];
        public bool PreferHostingUrls { get; set; }
    }
}
