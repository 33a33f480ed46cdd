using Xunit.Abstractions;

namespace Tasks.Web.Tests.Page;

/// <summary>
/// What a first visit costs, printed to the test output (bytes on the wire and time to the first rendered list;
/// docs/performance.md has the figures), and the README's screenshot. Only the byte budget is asserted, never a time.
/// </summary>
public abstract class FirstLoadTests<TApp>(TApp app, ITestOutputHelper output) : PageTest<TApp>(app)
    where TApp : PageApp
{
    private const int BudgetBytes = 50 * 1024;

    [Fact]
    public async Task FirstLoad_FitsTheBudget_AndIsMeasured()
    {
        foreach (var batch in Enumerable.Range(1, 20).Select(i => App.CreateAsync($"Task {i}")).Chunk(10))
        {
            await Task.WhenAll(batch);
        }
        var context = await (await Chromium.GetAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        await page.GotoAsync(App.BaseAddress.ToString());
        await Expect(page.Locator(".todo-list")).ToHaveAttributeAsync("aria-busy", "false");
        var rendered = await page.EvaluateAsync<double>("performance.now()");

        long bytes = 0;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            bytes += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            output.WriteLine($"{response.Status} {response.Url} {sizes.ResponseBodySize} B body ({response.Headers.GetValueOrDefault("content-encoding", "identity")})");
        }
        output.WriteLine($"First load: {responses.Count} responses, {bytes} B with headers; list rendered {rendered:F0} ms after navigation start.");
        await context.CloseAsync();
        Assert.InRange(bytes, 1, BudgetBytes);
    }

    [Fact]
    public async Task Screenshot_OfAListInUse_IsAPng()
    {
        await App.CreateAsync("Book the train to Lyon", status: "in_progress", dueDate: "2026-12-18", description: "Window seat, morning");
        await App.CreateAsync("Renew passport", dueDate: "2026-11-30");
        await App.CreateAsync("Buy oat milk");
        await App.CreateAsync("Call the plumber", status: "done");
        await App.CreateAsync("Write the quarterly report", dueDate: "2027-01-15");
        await Page.SetViewportSizeAsync(720, 560);
        await ReloadAsync();
        await Page.Locator(".new-todo").FillAsync("Water the plants");

        var path = Environment.GetEnvironmentVariable("TASKS_SCREENSHOT") is { Length: > 0 } wanted
            ? Path.GetFullPath(wanted, RepositoryRoot.Path)
            : Path.Combine(Path.GetTempPath(), $"tasks-page-{Guid.NewGuid():N}.png");
        var png = await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }
}

public sealed class KestrelFirstLoadTests(KestrelApp app, ITestOutputHelper output) : FirstLoadTests<KestrelApp>(app, output);

public sealed class LambdaFirstLoadTests(LambdaApp app, ITestOutputHelper output) : FirstLoadTests<LambdaApp>(app, output);
