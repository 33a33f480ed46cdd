using System.Collections.Concurrent;
using System.Text.Json;
using LambdaEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Lambda.Hosting.Tests;

public class SnapStartTests
{
    private static LambdaTestApp CreateApp(Journal journal, Action<IServiceCollection> hooks) => new(
        new RuntimeApiEmulatorOptions { HoldRestore = true },
        services =>
        {
            services.AddSingleton(journal);
            hooks(services);
        },
        options => options.InitializationType = "snap-start");

    [Fact]
    public async Task Start_SnapStart_RunsBeforeHooksInOrderThenRestoreNextThenAfterHooks()
    {
        var journal = new Journal();
        await using var app = new AsyncFixture(CreateApp(journal, services => services
            .AddLambdaSnapStartHook<FirstHook>()
            .AddLambdaSnapStartHook<SecondHook>()));
        await app.StartAsync();

        await app.Value.Emulator.RestoreNextCalled.WaitAsync(TimeSpan.FromSeconds(10));
        var atSnapshot = journal.Entries.ToArray();
        app.Value.Emulator.ReleaseRestore();
        var response = await app.Value.InvokeFixtureAsync("list-tasks-default-stage");

        Assert.Equal(["first:before", "second:before"], atSnapshot);
        Assert.Equal(["first:before", "second:before", "first:after", "second:after"], journal.Entries.ToArray());
        Assert.Equal(1, app.Value.Emulator.RestoreNextCalls);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Start_WithoutSnapStart_NeverCallsRestoreNextOrHooks()
    {
        var journal = new Journal();
        await using var app = new AsyncFixture(new LambdaTestApp(
            null,
            services => services.AddSingleton(journal).AddLambdaSnapStartHook<FirstHook>(),
            null));
        await app.StartAsync();

        var response = await app.Value.InvokeFixtureAsync("list-tasks-default-stage");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(0, app.Value.Emulator.RestoreNextCalls);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public async Task Start_BeforeSnapshotHookFails_PostsInitErrorAndStops()
    {
        var journal = new Journal();
        await using var app = new AsyncFixture(CreateApp(journal, services => services.AddLambdaSnapStartHook<FailingBeforeHook>()));
        await app.StartAsync();

        var error = await app.Value.Emulator.FirstInitError.WaitAsync(TimeSpan.FromSeconds(10));
        await app.Value.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.BeforeSnapshotError", error.ErrorType);
        Assert.Equal("warm-up failed", JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(0, app.Value.Emulator.RestoreNextCalls);
        Assert.True(app.Value.App.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task Start_AfterRestoreHookFails_PostsRestoreErrorAndStops()
    {
        var journal = new Journal();
        await using var app = new AsyncFixture(CreateApp(journal, services => services.AddLambdaSnapStartHook<FailingAfterHook>()));
        await app.StartAsync();
        app.Value.Emulator.ReleaseRestore();

        var error = await app.Value.Emulator.FirstRestoreError.WaitAsync(TimeSpan.FromSeconds(10));
        await app.Value.Server.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("Runtime.AfterRestoreError", error.ErrorType);
        Assert.Equal("reseed failed", JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString());
        Assert.Empty(app.Value.Emulator.InitErrors);
        Assert.IsType<InvalidOperationException>(app.Value.Server.FatalError);
    }

    [Fact]
    public async Task WarmUp_BeforeSnapshot_RunsRequestsThroughThePipelineWithoutTheRuntimeApi()
    {
        var journal = new Journal();
        await using var app = new AsyncFixture(CreateApp(journal, services => services.AddLambdaSnapStartHook<WarmUpHook>()));
        await app.StartAsync();

        await app.Value.Emulator.RestoreNextCalled.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["warm-up:200", "warm-up:200", "warm-up:204", "warm-up:200", "warm-up:401", "warm-up:500"], journal.Entries.ToArray());
        Assert.Contains(app.Value.Logs.Entries, e => e.Scope.TryGetValue("AwsRequestId", out var id) && (id as string)?.StartsWith("warm-up-", StringComparison.Ordinal) == true);
    }

    public sealed class Journal
    {
        public ConcurrentQueue<string> Entries { get; } = new();
    }

    private sealed class FirstHook(Journal journal) : ILambdaSnapStartHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken) { journal.Entries.Enqueue("first:before"); return Task.CompletedTask; }
        public Task AfterRestoreAsync(CancellationToken cancellationToken) { journal.Entries.Enqueue("first:after"); return Task.CompletedTask; }
    }

    private sealed class SecondHook(Journal journal) : ILambdaSnapStartHook
    {
        public async Task BeforeSnapshotAsync(CancellationToken cancellationToken) { await Task.Yield(); journal.Entries.Enqueue("second:before"); }
        public async Task AfterRestoreAsync(CancellationToken cancellationToken) { await Task.Yield(); journal.Entries.Enqueue("second:after"); }
    }

    private sealed class FailingBeforeHook : ILambdaSnapStartHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("warm-up failed");
        public Task AfterRestoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FailingAfterHook : ILambdaSnapStartHook
    {
        public Task BeforeSnapshotAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task AfterRestoreAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("reseed failed");
    }

    private sealed class WarmUpHook(Journal journal, LambdaWarmUp warmUp) : ILambdaSnapStartHook
    {
        public async Task BeforeSnapshotAsync(CancellationToken cancellationToken)
        {
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("GET", "/echo/warm?x=1", cancellationToken: cancellationToken)}");
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("POST", "/items", """{"name":"n","quantity":1}""", cancellationToken: cancellationToken)}");
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("GET", "/no-content", cancellationToken: cancellationToken)}");
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("GET", "/claims", jwtClaims: new Dictionary<string, string> { ["sub"] = "warm" }, cancellationToken: cancellationToken)}");
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("GET", "/claims", cancellationToken: cancellationToken)}");
            journal.Entries.Enqueue($"warm-up:{await warmUp.SendAsync("GET", "/throw", cancellationToken: cancellationToken)}");
        }

        public Task AfterRestoreAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>Starts an <see cref="IAsyncLifetime"/> outside a fixture and disposes it with the test.</summary>
internal sealed class AsyncFixture(LambdaTestApp value) : IAsyncDisposable
{
    public LambdaTestApp Value { get; } = value;

    public Task StartAsync() => Value.InitializeAsync();

    public async ValueTask DisposeAsync() => await Value.DisposeAsync();
}
