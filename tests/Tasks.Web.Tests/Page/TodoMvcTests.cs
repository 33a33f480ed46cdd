using System.Text.RegularExpressions;

namespace Tasks.Web.Tests.Page;

/// <summary>The TodoMVC application specification (tastejs/todomvc app-spec.md), with the API as its store.</summary>
public abstract class TodoMvcTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task EmptyList_HidesMainAndFooter_FocusesNewTodo()
    {
        await Expect(Page.Locator(".main")).ToBeHiddenAsync();
        await Expect(Page.Locator(".footer")).ToBeHiddenAsync();
        await Expect(NewTodo).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Enter_AddsTrimmedTitle_ClearsInput_IgnoresEmpty()
    {
        await AddAsync("  Buy milk  ");
        await Expect(NewTodo).ToHaveValueAsync("");
        await NewTodo.FillAsync("   ");
        await NewTodo.PressAsync("Enter");

        await Expect(Items).ToHaveCountAsync(1);
        await Expect(Titles).ToHaveTextAsync("Buy milk");
        await Expect(NewTodo).ToHaveValueAsync("   ");
        var stored = await App.ListAsync();
        Assert.Equal("Buy milk", Assert.Single(stored).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Count_SaysItemOrItems()
    {
        await AddAsync("One");
        await Expect(Count).ToHaveTextAsync("1 item left");
        await AddAsync("Two");
        await Expect(Count).ToHaveTextAsync("2 items left");
        await Expect(Count.Locator("strong")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task Toggle_MarksDone_PersistsAcrossReload()
    {
        await AddAsync("Walk", "Read");
        await Item("Walk").Locator(".toggle").CheckAsync();

        await Expect(Item("Walk")).ToHaveClassAsync(new Regex("completed"));
        await Expect(Count).ToHaveTextAsync("1 item left");
        await SettledAsync();
        await ReloadAsync();
        await Expect(Item("Walk")).ToHaveClassAsync(new Regex("completed"));
        await Expect(Item("Read")).Not.ToHaveClassAsync(new Regex("completed"));
        Assert.Equal("done", (await App.ListAsync()).Single(t => t.GetProperty("title").GetString() == "Walk").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ToggleAll_MarksEveryTaskDone_ThenOpenAgain()
    {
        await AddAsync("A", "B", "C");
        await Page.Locator("label[for=toggle-all]").ClickAsync();
        await Expect(Page.Locator(".todo-list li.completed")).ToHaveCountAsync(3);
        await Expect(Page.Locator(".toggle-all")).ToBeCheckedAsync();
        await Expect(Count).ToHaveTextAsync("0 items left");
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("All tasks marked done.");
        Assert.All(await App.ListAsync(), t => Assert.Equal("done", t.GetProperty("status").GetString()));

        await Page.Locator("label[for=toggle-all]").ClickAsync();
        await Expect(Page.Locator(".todo-list li.completed")).ToHaveCountAsync(0);
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("All tasks marked not done.");
        Assert.All(await App.ListAsync(), t => Assert.Equal("todo", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ToggleAll_FollowsTheList_WhenEachIsToggledByHand()
    {
        await AddAsync("A", "B");
        await Item("A").Locator(".toggle").CheckAsync();
        await Expect(Page.Locator(".toggle-all")).Not.ToBeCheckedAsync();
        await Item("B").Locator(".toggle").CheckAsync();
        await Expect(Page.Locator(".toggle-all")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task DoubleClick_EditsTitle_EnterSavesTrimmed()
    {
        await AddAsync("Old title");
        await Item("Old title").Locator(".view label").DblClickAsync();
        var edit = Items.Locator(".edit");
        await Expect(Items.First).ToHaveClassAsync(new Regex("editing"));
        await Expect(edit).ToBeFocusedAsync();
        await edit.FillAsync("  New title ");
        await edit.PressAsync("Enter");

        await Expect(Titles).ToHaveTextAsync("New title");
        await Expect(Items.First).Not.ToHaveClassAsync(new Regex("editing"));
        await SettledAsync();
        await ReloadAsync();
        await Expect(Titles).ToHaveTextAsync("New title");
    }

    [Fact]
    public async Task Edit_Escape_CancelsAndKeepsTitle()
    {
        await AddAsync("Keep me");
        await Item("Keep me").Locator(".view label").DblClickAsync();
        await Items.Locator(".edit").FillAsync("Changed");
        await Items.Locator(".edit").PressAsync("Escape");

        await Expect(Titles).ToHaveTextAsync("Keep me");
        Assert.Equal("Keep me", Assert.Single(await App.ListAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Edit_Blur_Saves()
    {
        await AddAsync("Before blur", "Other");
        await Item("Before blur").Locator(".view label").DblClickAsync();
        await Page.Locator("li.editing .edit").FillAsync("After blur");
        await NewTodo.ClickAsync();

        await Expect(Item("After blur")).ToHaveCountAsync(1);
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Renamed to “After blur”.");
        Assert.Contains(await App.ListAsync(), t => t.GetProperty("title").GetString() == "After blur");
    }

    [Fact]
    public async Task Edit_EmptiedTitle_DeletesTask()
    {
        await AddAsync("Doomed", "Stays");
        await Item("Doomed").Locator(".view label").DblClickAsync();
        await Page.Locator("li.editing .edit").FillAsync("   ");
        await Page.Locator("li.editing .edit").PressAsync("Enter");

        await Expect(Items).ToHaveCountAsync(1);
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Deleted “Doomed”.");
        Assert.Single(await App.ListAsync());
    }

    [Fact]
    public async Task Destroy_DeletesTask()
    {
        await AddAsync("Remove", "Keep");
        await Item("Remove").HoverAsync();
        await Item("Remove").Locator(".destroy").ClickAsync();

        await Expect(Items).ToHaveCountAsync(1);
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Deleted “Remove”.");
        Assert.Equal("Keep", Assert.Single(await App.ListAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Filters_RouteByUrl_AndSurviveReload()
    {
        await AddAsync("Open one", "Finished one");
        await Item("Finished one").Locator(".toggle").CheckAsync();
        await SettledAsync();

        await Page.Locator(".filters a", new() { HasTextString = "Active" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("#/active$"));
        await Expect(Titles).ToHaveTextAsync(["Open one"]);
        await Expect(Page.Locator(".filters a.selected")).ToHaveTextAsync("Active");

        await Page.Locator(".filters a", new() { HasTextString = "Completed" }).ClickAsync();
        await Expect(Titles).ToHaveTextAsync(["Finished one"]);
        await ReloadAsync();
        await Expect(Page.Locator(".filters a.selected")).ToHaveTextAsync("Completed");
        await Expect(Titles).ToHaveTextAsync(["Finished one"]);

        await Page.Locator(".filters a", new() { HasTextString = "All" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("#/$"));
        await Expect(Items).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task ClearCompleted_ShownOnlyWithCompleted_DeletesThem()
    {
        await AddAsync("Done 1", "Open", "Done 2");
        await Expect(Page.Locator(".clear-completed")).ToBeHiddenAsync();
        await Item("Done 1").Locator(".toggle").CheckAsync();
        await Item("Done 2").Locator(".toggle").CheckAsync();
        await Expect(Page.Locator(".clear-completed")).ToBeVisibleAsync();

        await Page.Locator(".clear-completed").ClickAsync();
        await Expect(Titles).ToHaveTextAsync(["Open"]);
        await Expect(Page.Locator(".clear-completed")).ToBeHiddenAsync();
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Cleared 2 completed tasks.");
        Assert.Single(await App.ListAsync());
    }
}

public sealed class KestrelTodoMvcTests(KestrelApp app) : TodoMvcTests<KestrelApp>(app);

public sealed class LambdaTodoMvcTests(LambdaApp app) : TodoMvcTests<LambdaApp>(app);
