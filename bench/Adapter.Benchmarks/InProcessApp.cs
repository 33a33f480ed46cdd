using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Lambda.Hosting;
using Lambda.Hosting.RuntimeApi;
using LambdaEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Adapter.Benchmarks;

/// <summary>
/// An app running under Lambda.Hosting in this process, its Runtime API an idle emulator (the long poll never
/// returns), so invocations are fed straight to the server's <c>InvocationProcessor</c>.
/// </summary>
internal sealed class InProcessApp : IAsyncDisposable
{
    private readonly IInvocationProcessor _processor;
    private readonly Func<InvocationResponse, Task> _send;
    private readonly Func<ValueTask> _stop;
    private InvocationResponse _last;

    private InProcessApp(IServiceProvider services, Func<ValueTask> stop)
    {
        _processor = services.GetRequiredService<LambdaServer>().Processor ?? throw new InvalidOperationException("The server has not started.");
        _send = response =>
        {
            _last = response;
            return Task.CompletedTask;
        };
        _stop = stop;
    }

    /// <summary>A slim app with one endpoint returning a constant and no logging: what is left is the adapter.</summary>
    public static async Task<InProcessApp> StartTrivialAsync()
    {
        var emulator = new RuntimeApiEmulator();
        await emulator.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddLambdaHosting(options =>
        {
            options.RuntimeApi = emulator.Address;
            options.SetExitCodeOnFatalError = false;
            options.ReportUnhandledExceptions = false;
        });
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        await app.StartAsync();
        return new InProcessApp(app.Services, async () =>
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await emulator.DisposeAsync();
        });
    }

    /// <summary>Tasks.Api's own Main, configured as in production (appsettings.json's logging), with DynamoDB canned.</summary>
    public static async Task<InProcessApp> StartTasksApiAsync()
    {
        var emulator = new RuntimeApiEmulator();
        await emulator.StartAsync();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = emulator.Address,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["DynamoDb__TableName"] = "BenchTasks",
            ["DynamoDb__ServiceUrl"] = "http://127.0.0.1:9",
            ["DynamoDb__CreateTableIfMissing"] = "false",
            ["Tasks__DefaultOwner"] = CannedDynamoDb.OwnerId,
            ["Auth__Mode"] = "None",
            ["Security__RateLimitEnabled"] = "false",
        })
        {
            Environment.SetEnvironmentVariable(key, value);
        }

        using var hooks = new HostHooks(services =>
        {
            services.RemoveAll<IAmazonDynamoDB>();
            services.AddSingleton<IAmazonDynamoDB>(new CannedDynamoDb());
        });
        var entryPoint = typeof(Tasks.Api.Tasks.TaskResponse).Assembly.EntryPoint ?? throw new InvalidOperationException("Tasks.Api has no entry point.");
        var main = Task.Run(() => (Task<int>)entryPoint.Invoke(null, [Array.Empty<string>()])!);
        var host = await hooks.Built.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await Task.WhenAny(started.Task, main).Unwrap().WaitAsync(TimeSpan.FromSeconds(30));
        }

        return new InProcessApp(host.Services, async () =>
        {
            lifetime.StopApplication();
            await main;
            await emulator.DisposeAsync();
        });
    }

    public Task InvokeAsync(LambdaInvocation invocation) => _processor.ProcessAsync(invocation, _send, CancellationToken.None);

    /// <summary>Invokes and checks the status; returns the response document's size in bytes and its body.</summary>
    public async Task<(int Payload, string Body)> ExpectAsync(LambdaInvocation invocation, int status)
    {
        await InvokeAsync(invocation);
        if (_last.StatusCode != status)
        {
            throw new InvalidOperationException($"Expected {status}, got {_last.StatusCode}: {Encoding.UTF8.GetString(_last.Json)}");
        }

        using var document = JsonDocument.Parse(_last.Json);
        var body = document.RootElement.TryGetProperty("body", out var b) ? b.GetString() ?? "" : "";
        return (_last.Json.Length, body);
    }

    public ValueTask DisposeAsync() => _stop();

    /// <summary>
    /// The hosting diagnostics WebApplicationFactory also relies on: "HostBuilding" hands out the builder of a
    /// Program we do not control (to add services after its own), "HostBuilt" the host.
    /// </summary>
    private sealed class HostHooks : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Action<IServiceCollection> _configure;
        private readonly List<IDisposable> _subscriptions = [];

        public HostHooks(Action<IServiceCollection> configure)
        {
            _configure = configure;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public TaskCompletionSource<IHost> Built { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.Extensions.Hosting")
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            switch (value)
            {
                case { Key: "HostBuilding", Value: IHostBuilder builder }:
                    builder.ConfigureServices((_, services) => _configure(services));
                    break;
                case { Key: "HostBuilt", Value: IHost host }:
                    Built.TrySetResult(host);
                    break;
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
