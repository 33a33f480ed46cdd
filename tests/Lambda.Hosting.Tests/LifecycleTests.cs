using System.Text.Json;
using Lambda.Hosting.RuntimeApi;
using LambdaEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lambda.Hosting.Tests;

public class LifecycleTests
{
    [Fact]
    public void AddLambdaHosting_NoRuntimeApi_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddLambdaHosting(options => options.RuntimeApi = null);

        Assert.Empty(services);
    }

    [Fact]
    public void AddLambdaSnapStartHook_LambdaHostingInactive_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddLambdaHosting(options => options.RuntimeApi = null).AddLambdaSnapStartHook<NoOpHook>();

        Assert.Empty(services);
    }

    [Fact]
    public async Task AddLambdaHosting_AfterCreateBuilder_OverridesKestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var kestrel = builder.Services.Single(d => d.ServiceType == typeof(IServer));

        builder.Services.AddLambdaHosting(options =>
        {
            options.RuntimeApi = "127.0.0.1:9";
            options.ReportUnhandledExceptions = false;
        });
        await using var app = builder.Build();

        Assert.DoesNotContain(kestrel, builder.Services);
        Assert.IsType<LambdaServer>(app.Services.GetRequiredService<IServer>());
        Assert.NotNull(app.Services.GetService<LambdaWarmUp>());
    }

    [Fact]
    public async Task Start_HostedServiceThrows_UnhandledExceptionIsPostedOnceAsInitError()
    {
        await using var emulator = new RuntimeApiEmulator();
        await emulator.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddLambdaHosting(options =>
        {
            options.RuntimeApi = emulator.Address;
            options.ReportUnhandledExceptions = false;
        });
        builder.Services.AddHostedService<ThrowingService>();
        await using var app = builder.Build();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        // What the runtime raises when the exception escapes Program's Main.
        var initState = app.Services.GetRequiredService<LambdaInitState>();
        initState.OnUnhandledException(null, new UnhandledExceptionEventArgs(exception, isTerminating: true));
        initState.OnUnhandledException(null, new UnhandledExceptionEventArgs(exception, isTerminating: true));

        var error = await emulator.FirstInitError.WaitAsync(TimeSpan.FromSeconds(10));
        using var body = JsonDocument.Parse(error.Body);
        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.Equal("Table name is missing.", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("System.InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.NotEmpty(body.RootElement.GetProperty("stackTrace").EnumerateArray());
        Assert.Single(emulator.InitErrors);
        Assert.False(initState.Initialized);
    }

    [Fact]
    public async Task UnhandledException_AfterTheFirstInvocation_IsNotAnInitError()
    {
        await using var app = new AsyncFixture(new LambdaTestApp());
        await app.StartAsync();
        await app.Value.InvokeFixtureAsync("list-tasks-default-stage");

        var initState = app.Value.App.Services.GetRequiredService<LambdaInitState>();
        initState.OnUnhandledException(null, new UnhandledExceptionEventArgs(new InvalidOperationException("late"), isTerminating: true));

        Assert.True(initState.Initialized);
        Assert.Empty(app.Value.Emulator.InitErrors);
    }

    [Fact]
    public async Task RunLoop_RuntimeApiAnswers500_StopsTheApplication()
    {
        await using var app = new AsyncFixture(new LambdaTestApp());
        await app.StartAsync();
        app.Value.Emulator.FailNextPolls(500);

        // Releases a poll that may already be waiting, so the next one meets the 500 either way.
        _ = app.Value.Emulator.EnqueueAsync(Events.Json("list-tasks-default-stage"));
        await app.Value.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(500, Assert.IsType<RuntimeApiException>(app.Value.Server.FatalError).StatusCode);
        Assert.True(app.Value.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task StopAsync_WhileWaitingForAnEvent_EndsTheLoopWithoutError()
    {
        var app = new LambdaTestApp();
        await app.InitializeAsync();

        await app.App.StopAsync();

        Assert.True(app.Server.Completion.IsCompleted);
        Assert.Null(app.Server.FatalError);
        await app.DisposeAsync();
    }

    private sealed class NoOpHook : ILambdaSnapStartHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task AfterRestoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ThrowingService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("Table name is missing.");
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
