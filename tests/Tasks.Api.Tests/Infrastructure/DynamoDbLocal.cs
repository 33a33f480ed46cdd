using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>
/// One real DynamoDB Local for the whole test run, started on a free loopback port (fetched first
/// if this clone has none), or the one DYNAMODB_SERVICE_URL points at. Stopped when the run ends.
/// </summary>
public static class DynamoDbLocal
{
    private static readonly Lazy<Task<string>> Endpoint = new(StartAsync);
    private static Process? _process;

    public static Task<string> GetServiceUrlAsync() => Endpoint.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("DYNAMODB_SERVICE_URL") is { Length: > 0 } configured)
        {
            return configured;
        }
        var root = RepositoryRoot.Path;
        var fetch = await RunAsync("bash", [Path.Combine(root, "tools", "dynamodb-local", "fetch.sh")]);
        var home = fetch.Trim().Split('\n')[^1];
        var port = FreePort();
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // It leaves a metadata file in its working directory.
            WorkingDirectory = Directory.CreateTempSubdirectory("dynamodb-local-").FullName,
        };
        foreach (var argument in new[]
        {
            $"-Djava.library.path={Path.Combine(home, "DynamoDBLocal_lib")}", "-Xms64m",
            "-jar", Path.Combine(home, "DynamoDBLocal.jar"), "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        var url = $"http://127.0.0.1:{port}";
        await WaitUntilAnsweringAsync(port, TimeSpan.FromSeconds(60));
        return url;
    }

    private static void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task WaitUntilAnsweringAsync(int port, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"DynamoDB Local exited at start with code {_process.ExitCode}.");
            }
            try
            {
                // Any HTTP answer (DynamoDB Local says 400 to a bare GET) means it is listening.
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/");
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"DynamoDB Local did not answer on port {port} within {limit}.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string file, string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await error}");
        }
        return await output;
    }
}

public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Tasks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Tasks.sln not found above the test assembly.");
    }
}
