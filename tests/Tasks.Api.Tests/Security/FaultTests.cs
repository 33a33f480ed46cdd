using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>
/// DynamoDB stand-ins that misbehave at the socket level: one that accepts and never answers, one
/// that answers every call with a throttling error. Each must become a 503 with Retry-After,
/// quickly, and never a success for a write that did not happen.
/// </summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private Func<NetworkStream, Task> _behaviour = _ => Task.CompletedTask;
    private TasksApplication? _app;

    public Task InitializeAsync()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await _behaviour(client.GetStream());
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                    {
                    }
                }
            });
        }
    }

    private HttpClient ClientAgainstStandIn()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _app = new StandInApplication(port);
        return _app.CreateClient();
    }

    [Fact]
    public async Task Post_DynamoDbStalls_Returns503WithinTheTimeoutNeverCreated()
    {
        _behaviour = async stream => await Task.Delay(Timeout.Infinite, _stop.Token);
        var client = ClientAgainstStandIn();
        var clock = Stopwatch.StartNew();

        using var response = await client.PostAsync("/tasks", Requests.Json("""{"title":"maybe"}"""));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Null(response.Headers.Location);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Get_DynamoDbThrottles_Returns503WithRetryAfter()
    {
        _behaviour = AnswerThrottledAsync;
        var client = ClientAgainstStandIn();

        using var response = await client.GetAsync($"/tasks/{Guid.CreateVersion7()}");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Put_DynamoDbThrottles_Returns503()
    {
        _behaviour = AnswerThrottledAsync;
        var client = ClientAgainstStandIn();

        using var response = await client.PutAsync($"/tasks/{Guid.CreateVersion7()}", Requests.Json("""{"title":"x"}"""));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Health_DynamoDbThrottles_Returns503()
    {
        _behaviour = AnswerThrottledAsync;
        var client = ClientAgainstStandIn();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    /// <summary>Reads one request's headers and body, then answers as DynamoDB does when throttling.</summary>
    private static async Task AnswerThrottledAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var received = new StringBuilder();
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var length = text.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } header
                ? int.Parse(header["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            if (text.Length - (end + 4) < length)
            {
                continue;
            }
            received.Clear();
            const string body = """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate of requests exceeds the allowed throughput."}""";
            var answer = $"HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: throttled\r\nContent-Length: {body.Length}\r\n\r\n{body}";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        }
    }

    private sealed class StandInApplication(int port) : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("DynamoDb:ServiceUrl", $"http://127.0.0.1:{port}");
            builder.UseSetting("DynamoDb:CreateTableIfMissing", "false");
            builder.UseSetting("DynamoDb:RequestTimeout", "00:00:00.500");
            builder.UseSetting("DynamoDb:MaxRetries", "1");
        }
    }
}
