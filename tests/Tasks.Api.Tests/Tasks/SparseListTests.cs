using System.Net;
using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

/// <summary>Paging where DynamoDB needs several reads per page: small filtered batches and a per-page read budget.</summary>
public sealed class SparseListTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    private HttpClient Client(int batch, int budget) => app.WithWebHostBuilder(b => b
        .UseSetting("Tasks:DefaultOwner", $"owner-{Guid.NewGuid():N}")
        .UseSetting("DynamoDb:FilteredQueryBatchSize", batch.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .UseSetting("DynamoDb:MaxItemsEvaluatedPerPage", budget.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .CreateClient();

    private static async Task<List<string>> CreateAsync(HttpClient client, int count, Func<int, string> status)
    {
        var done = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = (await client.CreateTaskAsync($"task {i}", status(i))).GetProperty("id").GetString()!;
            if (status(i) == "done")
            {
                done.Add(id);
            }
        }
        return done;
    }

    [Fact]
    public async Task List_FilterSparserThanOneRead_GathersFullPagesAcrossReads()
    {
        var client = Client(batch: 4, budget: 1000);
        var done = await CreateAsync(client, 30, i => i % 5 == 4 ? "done" : "todo");

        var pages = await TaskListTests.ReadAllPagesAsync(client, "/tasks?status=done&limit=2");

        Assert.Equal([2, 2, 2], pages.Select(p => p.Count));
        Assert.Equal(done, pages.SelectMany(p => p));
    }

    [Fact]
    public async Task List_ReadBudgetSpent_ReturnsAShortPageWithACursorAndLosesNothing()
    {
        var client = Client(batch: 4, budget: 8);
        var done = await CreateAsync(client, 20, i => i == 19 ? "done" : "todo");

        var pages = await TaskListTests.ReadAllPagesAsync(client, "/tasks?status=done&limit=5");

        Assert.Equal(done, pages.SelectMany(p => p));
        Assert.Contains(pages, p => p.Count == 0);
        Assert.True(pages.Count >= 3, $"{pages.Count} pages");
    }

    [Fact]
    public async Task List_CursorTaskDeletedBetweenPages_NextPageStartsAfterIt()
    {
        var client = Client(batch: 200, budget: 2000);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await client.CreateTaskAsync($"task {i}")).GetProperty("id").GetString()!);
        }
        var first = await (await client.GetAsync("/tasks?limit=2")).ReadJsonAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/tasks/{ids[1]}")).StatusCode);

        var next = await (await client.GetAsync($"/tasks?limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).ReadJsonAsync();

        Assert.Equal(ids[2..4], next.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
    }
}
