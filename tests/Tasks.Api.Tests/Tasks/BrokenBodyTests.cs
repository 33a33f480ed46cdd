using Tasks.Api.Tests.Infrastructure;
using Tasks.Api.Tests.Security;

namespace Tasks.Api.Tests.Tasks;

/// <summary>Bodies that break HTTP framing, sent byte by byte over a socket to the app on Kestrel: the client's fault, never a 503.</summary>
public sealed class BrokenBodyTests(KestrelTasksApplication app) : IClassFixture<KestrelTasksApplication>
{
    [Theory]
    [InlineData("chunk size that overflows", "FFFFFFFFFFFFFFFFFFFF\r\n{\"title\":\"x\"}\r\n0\r\n\r\n")]
    [InlineData("chunk size that is not hex", "zz\r\n{\"title\":\"x\"}\r\n0\r\n\r\n")]
    [InlineData("chunk longer than its size", "2\r\n{\"title\":\"x\"}\r\n0\r\n\r\n")]
    public async Task Post_BrokenChunkedBody_Is400NeverA503(string label, string chunkedBody)
    {
        var answer = await RawHttp.SendAsync(app.CreateClient().BaseAddress!, "POST", "/tasks",
            [KeyValuePair.Create("Content-Type", "application/json"), KeyValuePair.Create("Transfer-Encoding", "chunked")], null, chunkedBody);

        Assert.True(answer.Status == 400, $"{label}: {answer.Headers}\n{answer.Body}");
        Assert.DoesNotContain("Retry-After", answer.Headers, StringComparison.OrdinalIgnoreCase);
    }
}
