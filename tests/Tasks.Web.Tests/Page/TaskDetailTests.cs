using System.Text.RegularExpressions;

namespace Tasks.Web.Tests.Page;

/// <summary>What the page adds to TodoMVC from the API: in progress, due dates, descriptions, long lists, idempotent creates.</summary>
public abstract class TaskDetailTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task Details_SetInProgressDueDateAndDescription_ShownAndStored()
    {
        await AddAsync("Plan trip");
        var row = Item("Plan trip");
        await row.Locator(".details-toggle").ClickAsync();
        await Expect(row.Locator(".details-toggle")).ToHaveAttributeAsync("aria-expanded", "true");
        await row.Locator("select[name=status]").SelectOptionAsync("in_progress");
        await row.Locator("input[name=dueDate]").FillAsync("2030-05-17");
        await row.Locator("textarea[name=description]").FillAsync("Book trains\nPack light");
        await row.Locator(".details button[type=submit]").ClickAsync();

        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Saved “Plan trip”.");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("In progress");
        await Expect(row.Locator(".due")).ToHaveTextAsync(new Regex("^Due (May 17, 2030|17 May 2030)$"));
        await Expect(Count).ToHaveTextAsync("1 item left");
        var stored = Assert.Single(await App.ListAsync());
        Assert.Equal("in_progress", stored.GetProperty("status").GetString());
        Assert.Equal("2030-05-17", stored.GetProperty("dueDate").GetString());
        Assert.Equal("Book trains\nPack light", stored.GetProperty("description").GetString());

        await ReloadAsync();
        await Item("Plan trip").Locator(".details-toggle").ClickAsync();
        await Expect(Item("Plan trip").Locator(".description-text")).ToHaveTextAsync("Book trains\nPack light");
    }

    [Fact]
    public async Task PastDueDate_IsHighlightedOverdue_UntilDone()
    {
        await App.CreateAsync("Late", dueDate: "2020-01-02");
        await App.CreateAsync("Later", dueDate: "2099-01-02");
        await ReloadAsync();

        await Expect(Item("Late")).ToHaveClassAsync(new Regex("overdue"));
        await Expect(Item("Late").Locator(".due")).ToHaveTextAsync(new Regex("^Overdue"));
        await Expect(Item("Later")).Not.ToHaveClassAsync(new Regex("overdue"));
        await Item("Late").Locator(".toggle").CheckAsync();
        await Expect(Item("Late")).Not.ToHaveClassAsync(new Regex("overdue"));
    }

    [Fact]
    public async Task DueSoonView_ListsOpenTasksWithDueDate_ByDate()
    {
        await App.CreateAsync("No date");
        await App.CreateAsync("Second", dueDate: "2031-03-01");
        await App.CreateAsync("Done already", status: "done", dueDate: "2030-01-01");
        await App.CreateAsync("First", dueDate: "2030-06-01");
        await Page.GotoAsync(new Uri(App.BaseAddress, "#/due").ToString());
        await ReloadAsync();

        await Expect(Titles).ToHaveTextAsync(["First", "Second"]);
        await Expect(Page.Locator(".filters a.selected")).ToHaveTextAsync("Due soon");
    }

    [Fact]
    public async Task InProgress_CountsAsActive_NotCompleted()
    {
        await App.CreateAsync("Working", status: "in_progress");
        await App.CreateAsync("Finished", status: "done");
        await Page.GotoAsync(new Uri(App.BaseAddress, "#/active").ToString());
        await ReloadAsync();

        await Expect(Titles).ToHaveTextAsync(["Working"]);
        await Expect(Count).ToHaveTextAsync("1 item left");
    }

    [Fact]
    public async Task LongList_PagedWithTheCursor_CountsAndBulkChangesCoverEveryTask()
    {
        var writes = Enumerable.Range(1, 110).Select(i => App.CreateAsync($"Task {i:D3}"));
        foreach (var batch in writes.Chunk(10))
        {
            await Task.WhenAll(batch);
        }
        var listCalls = new List<string>();
        Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/tasks?"))
            {
                listCalls.Add(request.Url);
            }
        };
        await ReloadAsync();

        await Expect(Count).ToHaveTextAsync("110 items left");
        Assert.Equal(2, listCalls.Count);
        Assert.Contains("cursor=", listCalls[1]);
        await Expect(Items).ToHaveCountAsync(50);
        // A click where it is (a real click would scroll it into view first, which loads more by itself).
        await Page.Locator(".load-more").DispatchEventAsync("click");
        await Expect(Items).ToHaveCountAsync(100);
        await Page.Locator(".load-more").ScrollIntoViewIfNeededAsync();
        await Expect(Items).ToHaveCountAsync(110);
        await Expect(Page.Locator(".load-more")).ToBeHiddenAsync();

        await Page.Locator("label[for=toggle-all]").ClickAsync();
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("All tasks marked done.");
        await Expect(Count).ToHaveTextAsync("0 items left");
        Assert.All(await App.ListAsync(), t => Assert.Equal("done", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Create_AnswerLost_RetrySendsSameKey_CreatesOnce()
    {
        var keys = new List<string>();
        var first = true;
        await Page.RouteAsync("**/tasks", async route =>
        {
            keys.Add(route.Request.Headers["idempotency-key"]);
            if (first)
            {
                // The request reaches the server and creates the task; its answer never reaches the page.
                first = false;
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });
        await NewTodo.FillAsync("Only once");
        await NewTodo.PressAsync("Enter");

        await Expect(Problem).ToContainTextAsync("could not be reached");
        await Expect(NewTodo).ToHaveValueAsync("Only once");
        await Problem.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Added “Only once”.");
        await Expect(Titles).ToHaveTextAsync(["Only once"]);
        await Expect(NewTodo).ToHaveValueAsync("");

        Assert.Equal(2, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.Matches("^[0-9a-f-]{36}$", keys[0]);
        Assert.Single(await App.ListAsync());
    }
}

public sealed class KestrelTaskDetailTests(KestrelApp app) : TaskDetailTests<KestrelApp>(app);

public sealed class LambdaTaskDetailTests(LambdaApp app) : TaskDetailTests<LambdaApp>(app);
