using System.Net;
using System.Net.Http.Headers;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

/// <summary>
/// Identical writes released together (a barrier), several rounds each, answers counted against the versions written:
/// a write answers success only when its own write took effect (issue 11).
/// </summary>
public sealed class WriteRaceTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    private const int Rounds = 5;

    [Fact]
    public async Task Delete_TenWritersSameIfMatch_ExactlyOne204AndTheRest412()
    {
        var client = app.CreateClientForNewOwner();
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await client.CreateTaskAsync($"delete race {round}")).GetProperty("id").GetString();

            var statuses = await ReleasedTogetherAsync(10, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Delete, $"/tasks/{id}");
                request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
                return client.SendAsync(request);
            });

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.NoContent));
            Assert.Equal(9, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tasks/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Put_TwentyIdenticalWritersSameIfMatch_ExactlyOne200AndOneVersionWritten()
    {
        var client = app.CreateClientForNewOwner();
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await client.CreateTaskAsync($"put race {round}")).GetProperty("id").GetString();

            var statuses = await ReleasedTogetherAsync(20, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}") { Content = Requests.Json("""{"title":"same body"}""") };
                request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
                return client.SendAsync(request);
            });

            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
            Assert.Equal(19, statuses.Count(s => s == HttpStatusCode.PreconditionFailed));
            Assert.Equal(2, (await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync()).GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task Patch_TwentyIdenticalWritersWithoutIfMatch_As200sAsVersionsWritten()
    {
        var client = app.CreateClientForNewOwner();
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await client.CreateTaskAsync($"patch race {round}")).GetProperty("id").GetString();

            var statuses = await ReleasedTogetherAsync(20, () => client.PatchAsync($"/tasks/{id}",
                Requests.Json("""{"status":"done"}""", "application/merge-patch+json")));

            Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
            var versionsWritten = (await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync()).GetProperty("version").GetInt64() - 1;
            Assert.Equal(versionsWritten, statuses.Count(s => s == HttpStatusCode.OK));
        }
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Write_GoneTask_412WithIfMatchAnd404Without(string method)
    {
        var client = app.CreateClientForNewOwner();
        var id = (await client.CreateTaskAsync("gone")).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/tasks/{id}")).StatusCode);

        foreach (var (ifMatch, expected) in new[] { ("\"1\"", HttpStatusCode.PreconditionFailed), ("*", HttpStatusCode.PreconditionFailed), (null, HttpStatusCode.NotFound) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/tasks/{id}")
            {
                Content = method == "DELETE" ? null : Requests.Json("""{"title":"x"}""", method == "PATCH" ? "application/merge-patch+json" : "application/json"),
            };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            using var response = await client.SendAsync(request);

            await response.AssertProblemAsync(expected);
        }
    }

    /// <summary>Starts <paramref name="count"/> requests that all wait at one gate, opens it, and returns every status.</summary>
    private static async Task<HttpStatusCode[]> ReleasedTogetherAsync(int count, Func<Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var ready = new CountdownEvent(count);
        var requests = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            ready.Signal();
            await gate.Task;
            using var response = await send();
            return response.StatusCode;
        })).ToArray();
        await Task.Run(() => ready.Wait());
        gate.SetResult();
        return await Task.WhenAll(requests);
    }
}
