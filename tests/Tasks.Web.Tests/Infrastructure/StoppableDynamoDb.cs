using System.Diagnostics;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>
/// A DynamoDB Local of one test class's own, with its tables on disk, that the test can stop (an outage) and start
/// again on the same port with the same data.
/// </summary>
public sealed class StoppableDynamoDb : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("dynamodb-outage-").FullName;
    private readonly int _port = DynamoDbLocal.FreePort();
    private Process? _process;

    public string ServiceUrl => $"http://127.0.0.1:{_port}";

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "tools", "dynamodb-local", "start.sh"), _port.ToString(System.Globalization.CultureInfo.InvariantCulture), _data])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            try
            {
                using var response = await http.GetAsync(ServiceUrl);
                await WarmUpAsync();
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100); // polling for the port to open, not passing time
        }
        throw new TimeoutException($"DynamoDB Local did not start on {ServiceUrl}.");
    }

    /// <summary>DynamoDB Local's first calls are slow (JIT, its SQLite store): made here, not by the app with its one-second limit.</summary>
    private async Task WarmUpAsync()
    {
        using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(
            new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = ServiceUrl, AuthenticationRegion = "us-east-1", Timeout = TimeSpan.FromSeconds(30) });
        await client.ListTablesAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_data, recursive: true);
    }
}
