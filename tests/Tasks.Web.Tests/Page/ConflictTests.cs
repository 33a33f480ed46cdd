using System.Text.RegularExpressions;

namespace Tasks.Web.Tests.Page;

/// <summary>Two pages on one list: every change names the version it was made on, and a stale one loses nothing.</summary>
public abstract class ConflictTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task Rename_AfterAnotherPageChangedTheTask_Answers412_ShowsCurrent_AppliesMineOnRequest()
    {
        await AddAsync("Shared");
        var other = await App.OpenAsync();
        await other.Locator(".todo-list li .view label").DblClickAsync();
        await other.Locator("li.editing .edit").FillAsync("Theirs");
        await other.Locator("li.editing .edit").PressAsync("Enter");
        await Expect(other.Locator(".status-line")).ToHaveTextAsync("Renamed to “Theirs”.");

        await Item("Shared").Locator(".view label").DblClickAsync();
        await Page.Locator("li.editing .edit").FillAsync("Mine");
        await Page.Locator("li.editing .edit").PressAsync("Enter");

        await Expect(Problem).ToContainTextAsync("was changed elsewhere");
        await Expect(Problem).ToContainTextAsync("title: “Mine”");
        await Expect(Titles).ToHaveTextAsync(["Theirs"]);
        await Problem.GetByRole(AriaRole.Button, new() { Name = "Apply my change" }).ClickAsync();
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Renamed to “Mine”.");
        await Expect(Titles).ToHaveTextAsync(["Mine"]);
        var stored = Assert.Single(await App.ListAsync());
        Assert.Equal("Mine", stored.GetProperty("title").GetString());
        Assert.Equal(3, stored.GetProperty("version").GetInt32());
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task Delete_AfterAnotherPageChangedTheTask_KeepsIt_UntilConfirmed()
    {
        await AddAsync("Contested");
        var other = await App.OpenAsync();
        await other.Locator(".todo-list li .toggle").CheckAsync();
        await Expect(other.Locator(".status-line")).ToHaveTextAsync("“Contested” marked done.");

        await Item("Contested").Locator(".destroy").ClickAsync();
        await Expect(Problem).ToContainTextAsync("was not deleted");
        await Expect(Item("Contested")).ToHaveClassAsync(new Regex("completed"));
        Assert.Single(await App.ListAsync());

        await Problem.GetByRole(AriaRole.Button, new() { Name = "Delete it anyway" }).ClickAsync();
        await Expect(Items).ToHaveCountAsync(0);
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Deleted “Contested”.");
        Assert.Empty(await App.ListAsync());
        await other.Context.CloseAsync();
    }
}

public sealed class KestrelConflictTests(KestrelApp app) : ConflictTests<KestrelApp>(app);

public sealed class LambdaConflictTests(LambdaApp app) : ConflictTests<LambdaApp>(app);
