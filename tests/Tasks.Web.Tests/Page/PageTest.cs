using System.Text.RegularExpressions;

namespace Tasks.Web.Tests.Page;

/// <summary>
/// A browser test against <typeparamref name="TApp"/>: the owner's list is emptied and a fresh browser context opened
/// before each test, and closed after it.
/// </summary>
public abstract class PageTest<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime
    where TApp : PageApp
{
    protected TApp App { get; } = app;

    protected IPage Page { get; private set; } = null!;

    protected ILocator NewTodo => Page.Locator(".new-todo");

    protected ILocator Items => Page.Locator(".todo-list li");

    protected ILocator Count => Page.Locator(".todo-count");

    protected ILocator Problem => Page.Locator(".problem");

    public virtual async Task InitializeAsync()
    {
        await App.ResetAsync();
        Page = await App.OpenAsync();
    }

    public async Task DisposeAsync() => await Page.Context.CloseAsync();

    /// <summary>Types each title into the new-task field and waits until the server has answered every one.</summary>
    protected async Task AddAsync(params string[] titles)
    {
        foreach (var title in titles)
        {
            await NewTodo.FillAsync(title);
            await NewTodo.PressAsync("Enter");
        }
        await Expect(Page.Locator(".todo-list li.pending")).ToHaveCountAsync(0);
    }

    /// <summary>The titles of the rows shown, in order.</summary>
    protected ILocator Titles => Items.Locator(".view label");

    /// <summary>The row whose title is exactly <paramref name="title"/>.</summary>
    protected ILocator Item(string title) =>
        Items.Filter(new() { Has = Page.Locator(".view label", new() { HasTextRegex = new Regex($"^{Regex.Escape(title)}$") }) });

    /// <summary>Reopens the page at <paramref name="hash"/>, as a reload does, and waits for its list.</summary>
    protected async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await PageApp.WaitUntilReadyAsync(Page);
    }

    /// <summary>Waits until nothing the page sent is still waiting for its answer.</summary>
    protected Task SettledAsync() => Expect(Page.Locator(".todo-list li.pending")).ToHaveCountAsync(0);
}
