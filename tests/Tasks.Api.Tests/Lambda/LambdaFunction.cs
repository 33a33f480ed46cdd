extern alias emulator;

using System.Collections.Concurrent;
using System.Diagnostics;
using emulator::LambdaEmulator;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Lambda;

/// <summary>
/// The built Tasks.Api, started as its own process the way the managed dotnet10 runtime starts it
/// (<c>dotnet Tasks.Api.dll</c> with AWS_LAMBDA_RUNTIME_API set), talking to a Runtime API emulator,
/// with DynamoDB Local behind it. <see cref="Client"/> goes through an HTTP front door that turns each
/// request into an HTTP API v2 event; <see cref="InvokeAsync"/> sends raw events.
/// With <c>TASKS_LAMBDA_PACKAGE</c> set to a deployment package, that package runs instead of the test build:
/// <c>./bootstrap</c> as provided.al2023 starts a Native AOT one, or <c>dotnet Tasks.Api.dll</c> (.ci/run does both).
/// </summary>
public class LambdaFunction : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public RuntimeApiEmulator Emulator { get; private set; } = null!;
    public HttpFrontDoor? FrontDoor { get; private set; }
    public HttpClient Client { get; private set; } = null!;
    public string TableName { get; } = $"tasks-lambda-{Guid.NewGuid():N}";
    public string ServiceUrl { get; private set; } = "";
    public Process Process => _process ?? throw new InvalidOperationException("Not started.");

    /// <summary>Everything the function wrote to stdout and stderr, a line each.</summary>
    public IReadOnlyCollection<string> Output => _output;

    protected virtual RuntimeApiEmulatorOptions EmulatorOptions => new();

    /// <summary>Environment for the function beyond the defaults; a null value removes a variable.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    /// <summary>False when the function is expected to fail at start, so nothing waits for it to serve.</summary>
    protected virtual bool WaitUntilServing => true;

    public async Task InitializeAsync()
    {
        ServiceUrl = await DynamoDbLocal.GetServiceUrlAsync();
        Emulator = new RuntimeApiEmulator(EmulatorOptions);
        await Emulator.StartAsync();
        FrontDoor = new HttpFrontDoor(Emulator);
        await FrontDoor.StartAsync();
        Client = new HttpClient { BaseAddress = FrontDoor.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _process = Start();
        if (WaitUntilServing)
        {
            using var health = await Client.GetAsync("/health");
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Client?.Dispose();
        if (FrontDoor is not null)
        {
            await FrontDoor.DisposeAsync();
        }
        await Emulator.DisposeAsync();
    }

    public Task<InvocationResult> InvokeAsync(string eventJson) =>
        Emulator.EnqueueAsync(eventJson).WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>For a function that must fail at start: the errorMessage it posted to /runtime/init/error, once it has exited.</summary>
    public async Task<string> InitErrorAfterExitAsync()
    {
        var error = await Emulator.FirstInitError.WaitAsync(TimeSpan.FromSeconds(60));
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return System.Text.Json.JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString()!;
    }

    private Process Start()
    {
        var package = System.Environment.GetEnvironmentVariable("TASKS_LAMBDA_PACKAGE");
        var start = BuiltApp.StartInfo(string.IsNullOrEmpty(package) ? BuiltApp.Directory : Path.GetFullPath(package));
        var environment = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = Emulator.Address,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = null,
            ["DynamoDb__ServiceUrl"] = ServiceUrl,
            ["DynamoDb__TableName"] = TableName,
            ["DynamoDb__CreateTableIfMissing"] = "true",
            ["Auth__Mode"] = "None",
            ["Stage"] = "test",
            ["DOTNET_DbgEnableMiniDump"] = "0",
        };
        foreach (var (name, value) in Environment)
        {
            environment[name] = value;
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
