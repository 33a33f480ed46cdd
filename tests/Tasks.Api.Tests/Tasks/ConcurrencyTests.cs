using System.Net;
using System.Net.Http.Headers;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

public sealed class ConcurrencyTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    [Fact]
    public async Task Put_TwentyWritersSameIfMatch_ExactlyOneWinsAndItsBodyIsStored()
    {
        var client = app.CreateClient();
        var id = (await client.CreateTaskAsync("contended")).GetProperty("id").GetString();

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}")
            {
                Content = Requests.Json($$"""{"title":"writer {{i}}"}"""),
            };
            request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
            using var response = await client.SendAsync(request);
            return (i, response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        });
        var results = await Task.WhenAll(attempts);

        var winners = results.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(winners);
        Assert.All(results.Except(winners), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));
        var stored = await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal($"writer {winners[0].i}", stored.GetProperty("title").GetString());
        Assert.Equal(2, stored.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Patch_TwentyWritersWithoutIfMatch_NoUpdateIsLost()
    {
        var client = app.CreateClient();
        var id = (await client.CreateTaskAsync("counter")).GetProperty("id").GetString();

        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await client.PatchAsync($"/tasks/{id}",
                Requests.Json($$"""{"description":"writer {{i}}"}""", "application/merge-patch+json"));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(attempts);

        // Each success is one version step: a write that overwrote another unseen would leave fewer steps than successes.
        var successes = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var stored = await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal(1 + successes, stored.GetProperty("version").GetInt64());
    }
}
