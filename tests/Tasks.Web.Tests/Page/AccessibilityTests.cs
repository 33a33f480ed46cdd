using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Tasks.Web.Tests.Page;

/// <summary>axe-core on every view and state, the whole flow by keyboard alone, 320 px without sideways scrolling, no layout shift.</summary>
public abstract class AccessibilityTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task Axe_EveryViewAndState_HasNoSeriousOrCriticalViolation()
    {
        await AssertAccessibleAsync("empty list");
        await App.CreateAsync("Overdue", dueDate: "2020-01-01");
        await App.CreateAsync("Working", status: "in_progress", description: "Half way");
        await App.CreateAsync("Finished", status: "done");
        await ReloadAsync();
        foreach (var view in new[] { "#/", "#/active", "#/completed", "#/due" })
        {
            await Page.GotoAsync(new Uri(App.BaseAddress, view).ToString());
            await AssertAccessibleAsync(view);
        }
        await Page.GotoAsync(new Uri(App.BaseAddress, "#/").ToString());
        await Item("Working").Locator(".details-toggle").ClickAsync();
        await AssertAccessibleAsync("details open");
        await Item("Overdue").Locator(".view label").DblClickAsync();
        await AssertAccessibleAsync("editing");
        await Page.Keyboard.PressAsync("Escape");
        await Page.RouteAsync("**/tasks/*", route => route.AbortAsync());
        await Item("Finished").Locator(".toggle").ClickAsync();
        await Expect(Problem).ToBeVisibleAsync();
        await AssertAccessibleAsync("problem shown");
    }

    [Fact]
    public async Task Keyboard_AddCompleteRenameDelete_WithoutAMouse()
    {
        await Expect(NewTodo).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Typed task");
        await Page.Keyboard.PressAsync("Enter");
        await SettledAsync();
        await Page.Keyboard.TypeAsync("Second");
        await Page.Keyboard.PressAsync("Enter");
        await SettledAsync();

        await TabToAsync(Item("Typed task").Locator(".toggle"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("“Typed task” marked done.");

        await TabToAsync(Item("Typed task").Locator(".rename"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("li.editing .edit")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(" renamed");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Renamed to “Typed task renamed”.");

        await TabToAsync(Item("Typed task renamed").Locator(".destroy"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Deleted “Typed task renamed”.");
        await Expect(Titles).ToHaveTextAsync(["Second"]);

        await TabToAsync(Page.Locator(".filters a", new() { HasTextString = "Completed" }));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator(".filters a.selected")).ToHaveTextAsync("Completed");
    }

    [Fact]
    public async Task NarrowScreen_320px_HasNoHorizontalScroll()
    {
        await App.CreateAsync("Averyveryverylongwordwithoutanyspacesthatmustwrapratherthanoverflowthescreen", status: "in_progress", dueDate: "2020-02-02");
        await App.CreateAsync("Short");
        await Page.SetViewportSizeAsync(320, 640);
        await ReloadAsync();
        await Items.First.Locator(".details-toggle").ClickAsync();

        var widths = await Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"The page is {widths[0]} px wide in a {widths[1]} px viewport.");
    }

    [Fact]
    public async Task Load_ListOfThirtyTasks_ShiftsNoLayout()
    {
        foreach (var batch in Enumerable.Range(1, 30).Select(i => App.CreateAsync($"Task {i}", dueDate: i % 3 == 0 ? "2030-01-01" : null)).Chunk(10))
        {
            await Task.WhenAll(batch);
        }
        await ReloadAsync();

        var shift = await Page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
              let total = 0;
              new PerformanceObserver(list => {
                for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
              }).observe({ type: 'layout-shift', buffered: true });
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
            })
            """);
        Assert.Equal(0, shift);
    }

    private async Task AssertAccessibleAsync(string state)
    {
        var result = await Page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{state}: " + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Target))}")));
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 40 times).</summary>
    private async Task TabToAsync(ILocator target)
    {
        for (var press = 0; press < 40; press++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
            await Page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}.");
    }
}

public sealed class KestrelAccessibilityTests(KestrelApp app) : AccessibilityTests<KestrelApp>(app);

public sealed class LambdaAccessibilityTests(LambdaApp app) : AccessibilityTests<LambdaApp>(app);
