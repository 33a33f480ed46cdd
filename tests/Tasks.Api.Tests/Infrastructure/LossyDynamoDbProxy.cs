using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>
/// A loopback HTTP proxy in front of DynamoDB Local that can lose answers: the first
/// <see cref="LoseAnswers"/> calls of the chosen operation are carried out upstream, then the
/// connection is dropped before the answer gets back, so the SDK retries a write that already happened.
/// </summary>
public sealed class LossyDynamoDbProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _upstream = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _upstreamUrl;
    private int _toLose;

    public LossyDynamoDbProxy(string upstreamUrl)
    {
        _upstreamUrl = upstreamUrl;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The DynamoDB operation (X-Amz-Target suffix, e.g. PutItem) whose answers are lost.</summary>
    public string Operation { get; set; } = "";

    /// <summary>How many answers to lose from now on; setting it starts <see cref="Lost"/> again from zero.</summary>
    public int LoseAnswers
    {
        get => Volatile.Read(ref _toLose);
        set
        {
            Lost = 0;
            Volatile.Write(ref _toLose, value);
        }
    }

    /// <summary>Answers lost since <see cref="LoseAnswers"/> was set.</summary>
    public int Lost { get; private set; }

    private async Task AcceptAsync()
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
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (await ReadRequestAsync(stream) is { } request)
                {
                    using var upstream = new HttpRequestMessage(HttpMethod.Post, _upstreamUrl) { Content = new ByteArrayContent(request.Body) };
                    foreach (var (name, value) in request.Headers)
                    {
                        if (!upstream.Headers.TryAddWithoutValidation(name, value))
                        {
                            upstream.Content.Headers.TryAddWithoutValidation(name, value);
                        }
                    }
                    using var response = await _upstream.SendAsync(upstream);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var target = request.Headers.FirstOrDefault(h => h.Name.Equals("X-Amz-Target", StringComparison.OrdinalIgnoreCase)).Value ?? "";
                    if (target.EndsWith("." + Operation, StringComparison.Ordinal) && Interlocked.Decrement(ref _toLose) >= 0)
                    {
                        Lost++;
                        return;
                    }
                    var head = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
                    foreach (var header in response.Headers.Concat(response.Content.Headers))
                    {
                        if (!header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && !header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                        {
                            head.Append($"{header.Key}: {string.Join(", ", header.Value)}\r\n");
                        }
                    }
                    head.Append($"Content-Length: {body.Length}\r\n\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()).Concat(body).ToArray());
                }
            }
            catch (Exception e) when (e is IOException or SocketException or HttpRequestException)
            {
            }
        }
    }

    private sealed record Request(List<(string Name, string Value)> Headers, byte[] Body);

    private static async Task<Request?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                return null;
            }
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = lines.Skip(1).Select(l => (Name: l[..l.IndexOf(':')], Value: l[(l.IndexOf(':') + 1)..].Trim()))
            .Where(h => !h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase) && !h.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var length = int.Parse(headers.FirstOrDefault(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value ?? "0",
            System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return new Request(headers.Where(h => !h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).ToList(), body);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _upstream.Dispose();
    }
}
