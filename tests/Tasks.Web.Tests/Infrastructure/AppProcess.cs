using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The built Tasks.Api as its own process, with the environment given; its output kept for failure messages.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private AppProcess(string package, IReadOnlyDictionary<string, string?> environment)
    {
        var start = BuiltApp.StartInfo(package);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = null;
        start.Environment["Metrics__Enabled"] = "false";
        start.Environment["Security__RateLimitEnabled"] = "false";
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
        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the published app (<see cref="Package"/>) in its folder, as Lambda and a server would.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> environment) =>
        new(await Package.GetDirectoryAsync(), environment);

    public string Output => string.Join('\n', _output.TakeLast(40));

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
