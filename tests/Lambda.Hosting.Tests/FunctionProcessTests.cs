using System.Diagnostics;
using System.Text.Json;
using LambdaEmulator;

namespace Lambda.Hosting.Tests;

/// <summary>The function as Lambda runs it: its own process, talking to the Runtime API, exiting with a code.</summary>
public sealed class FunctionProcessTests : IAsyncLifetime
{
    private readonly RuntimeApiEmulator _emulator = new();
    private Process? _process;

    public Task InitializeAsync() => _emulator.StartAsync();

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [InlineData("invalid-options", "Table name is missing.")]
    [InlineData("throw-before-run", "Mapping failed.")]
    public async Task Start_ProgramFails_PostsInitErrorAndExitsNonZero(string mode, string message)
    {
        var process = Start(mode);

        var error = await _emulator.FirstInitError.WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Runtime.InitError", error.ErrorType);
        Assert.Contains(message, JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, process.ExitCode);
        Assert.Single(_emulator.InitErrors);
    }

    [Fact]
    public async Task Invocation_SeparateProcess_ServesAndExitsNonZeroWhenTheRuntimeApiFails()
    {
        var process = Start("serve");

        var result = await _emulator.EnqueueAsync(Events.WithPath("list-tasks-default-stage", "/hello")).WaitAsync(TimeSpan.FromSeconds(30));
        _emulator.FailNextPolls(500);
        _ = _emulator.EnqueueAsync(Events.Json("list-tasks-default-stage"));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        using var response = JsonDocument.Parse(result.Response!);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("hello", response.RootElement.GetProperty("body").GetString());
        Assert.Equal(1, process.ExitCode);
        Assert.Empty(_emulator.InitErrors);
    }

    [Fact]
    public async Task Start_SnapStartEnvironment_CallsRestoreNextBeforeServing()
    {
        var process = Start("serve", snapStart: true);

        var result = await _emulator.EnqueueAsync(Events.WithPath("list-tasks-default-stage", "/hello")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, _emulator.RestoreNextCalls);
        Assert.Contains("\"statusCode\":200", result.Response, StringComparison.Ordinal);
        Assert.False(process.HasExited);
    }

    private Process Start(string mode, bool snapStart = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TestFunction.dll"));
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = _emulator.Address;
        start.Environment["TEST_FUNCTION_MODE"] = mode;
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        if (snapStart)
        {
            start.Environment["AWS_LAMBDA_INITIALIZATION_TYPE"] = "snap-start";
        }

        _process = Process.Start(start)!;
        // Drain the pipes so a chatty process never blocks on a full buffer.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return _process;
    }
}
