using System.Net.Http.Headers;

namespace ColdStart;

/// <summary>
/// A runtime loop with no app: GET /next, POST a constant v2 response. The warm-latency floor of the emulator,
/// loopback HTTP and a .NET HttpClient, against which the adapter's per-invocation cost is judged.
/// </summary>
internal static class BareLoop
{
    private static readonly byte[] Response = """{"statusCode":200,"headers":{"content-type":"text/plain"},"body":"Healthy","isBase64Encoded":false}"""u8.ToArray();

    public static async Task<int> RunAsync(string runtimeApi, int invocations = int.MaxValue)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        for (var i = 0; i < invocations; i++)
        {
            string id;
            try
            {
                using var next = await http.GetAsync("invocation/next", HttpCompletionOption.ResponseHeadersRead);
                id = next.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").First();
                await next.Content.ReadAsByteArrayAsync();
            }
            catch (HttpRequestException)
            {
                return 0;
            }

            using var content = new ByteArrayContent(Response);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var posted = await http.PostAsync($"invocation/{id}/response", content);
        }

        return 0;
    }
}
