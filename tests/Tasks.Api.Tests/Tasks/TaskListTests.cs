using System.Net;
using System.Text.Json;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

public sealed class TaskListTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    [Fact]
    public async Task List_NoTasks_ReturnsEmptyPageWithoutCursor()
    {
        var client = app.CreateClientForNewOwner();

        var page = await (await client.GetAsync("/tasks")).ReadJsonAsync();

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task List_SevenTasksLimitThree_WalksThreePagesOldestFirst()
    {
        var client = app.CreateClientForNewOwner();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await client.CreateTaskAsync($"task {i}")).GetProperty("id").GetString()!);
        }

        var pages = await ReadAllPagesAsync(client, "/tasks?limit=3");

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(created, pages.SelectMany(p => p));
    }

    [Fact]
    public async Task List_ExactlyOnePageOfTasks_HasNoNextCursor()
    {
        var client = app.CreateClientForNewOwner();
        for (var i = 0; i < 4; i++)
        {
            await client.CreateTaskAsync($"task {i}");
        }

        var pages = await ReadAllPagesAsync(client, "/tasks?limit=4");

        Assert.Single(pages);
    }

    [Fact]
    public async Task List_StatusFilter_FillsEveryPageWithMatchesAcrossPages()
    {
        var client = app.CreateClientForNewOwner();
        var done = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            // Matches are sparse (one in five), so a page must gather them across several DynamoDB reads.
            var status = i % 5 == 4 ? "done" : "todo";
            var id = (await client.CreateTaskAsync($"task {i}", status)).GetProperty("id").GetString()!;
            if (status == "done")
            {
                done.Add(id);
            }
        }

        var pages = await ReadAllPagesAsync(client, "/tasks?status=done&limit=2");

        Assert.Equal([2, 2, 2], pages.Select(p => p.Count));
        Assert.Equal(done, pages.SelectMany(p => p));
    }

    [Fact]
    public async Task List_DefaultLimit_Returns20()
    {
        var client = app.CreateClientForNewOwner();
        for (var i = 0; i < 21; i++)
        {
            await client.CreateTaskAsync($"task {i}");
        }

        var page = await (await client.GetAsync("/tasks")).ReadJsonAsync();

        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task List_CursorFromAnotherStatusFilter_Returns400()
    {
        var client = app.CreateClientForNewOwner();
        await client.CreateTaskAsync("a");
        await client.CreateTaskAsync("b");
        var cursor = (await (await client.GetAsync("/tasks?limit=1")).ReadJsonAsync()).GetProperty("nextCursor").GetString();

        using var response = await client.GetAsync($"/tasks?limit=1&status=done&cursor={cursor}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task List_CursorFromAnotherOwner_Returns400()
    {
        var owner = app.CreateClientForNewOwner();
        await owner.CreateTaskAsync("a");
        await owner.CreateTaskAsync("b");
        var cursor = (await (await owner.GetAsync("/tasks?limit=1")).ReadJsonAsync()).GetProperty("nextCursor").GetString();

        using var response = await app.CreateClientForNewOwner().GetAsync($"/tasks?limit=1&cursor={cursor}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_TamperedCursor_Returns400()
    {
        var client = app.CreateClientForNewOwner();
        await client.CreateTaskAsync("a");
        await client.CreateTaskAsync("b");
        var cursor = (await (await client.GetAsync("/tasks?limit=1")).ReadJsonAsync()).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        using var response = await client.GetAsync($"/tasks?limit=1&cursor={tampered}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    internal static async Task<List<List<string>>> ReadAllPagesAsync(HttpClient client, string firstUrl)
    {
        var pages = new List<List<string>>();
        var url = firstUrl;
        while (true)
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            pages.Add([.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()!)]);
            if (page.GetProperty("nextCursor").GetString() is not { } cursor)
            {
                return pages;
            }
            Assert.True(pages.Count < 50, "paging did not end");
            url = $"{firstUrl}&cursor={Uri.EscapeDataString(cursor)}";
        }
    }
}
