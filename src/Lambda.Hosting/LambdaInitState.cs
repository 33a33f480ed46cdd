using System.Collections.Concurrent;
using Lambda.Hosting.RuntimeApi;

namespace Lambda.Hosting;

/// <summary>
/// Tracks whether the function got past initialisation and makes sure /runtime/init/error is posted once.
/// One per Runtime API address: in Lambda there is exactly one; in tests each emulator has its own.
/// </summary>
internal sealed class LambdaInitState(string runtimeApi)
{
    private static readonly ConcurrentDictionary<string, LambdaInitState> States = new(StringComparer.Ordinal);

    private int _reported;
    private int _subscribed;
    private volatile bool _initialized;

    public string RuntimeApi { get; } = runtimeApi;

    public bool Initialized => _initialized;

    public static LambdaInitState For(string runtimeApi) => States.GetOrAdd(runtimeApi, static address => new LambdaInitState(address));

    public void MarkInitialized() => _initialized = true;

    /// <summary>Posts the error unless already posted or past initialisation.</summary>
    public async Task<bool> ReportAsync(Exception exception, string errorType, RuntimeApiClient? client, CancellationToken cancellationToken)
    {
        if (_initialized || Interlocked.Exchange(ref _reported, 1) == 1)
        {
            return false;
        }

        if (client is not null)
        {
            await client.PostInitErrorAsync(exception, errorType, cancellationToken);
            return true;
        }

        // The host's own client may already be disposed when the exception escapes Main.
        using var ownClient = new RuntimeApiClient(RuntimeApi);
        await ownClient.PostInitErrorAsync(exception, errorType, cancellationToken);
        return true;
    }

    /// <summary>Reports any exception that escapes Program (Build, Start, mapping) as an init error.</summary>
    public void SubscribeToUnhandledExceptions()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
        }
    }

    internal void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.ExceptionObject is not Exception exception)
        {
            return;
        }

        try
        {
            // The process is going down: block briefly rather than lose the report.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            ReportAsync(exception, "Runtime.InitError", null, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception reportError)
        {
            Console.Error.WriteLine($"Could not report the init error to the Lambda Runtime API: {reportError.Message}");
        }
    }
}
