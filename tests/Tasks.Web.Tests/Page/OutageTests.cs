namespace Tasks.Web.Tests.Page;

/// <summary>DynamoDB Local stopped under the page: the user's input stays, the page says so, and retry works once it is back.</summary>
public abstract class OutageTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task Create_WhileDynamoDbIsDown_KeepsInput_RetryAfterRestartCreatesIt()
    {
        await App.DynamoDb!.StopAsync();
        try
        {
            await NewTodo.FillAsync("Written during the outage");
            await NewTodo.PressAsync("Enter");

            await Expect(Problem).ToContainTextAsync("could not be reached or is busy");
            await Expect(NewTodo).ToHaveValueAsync("Written during the outage");
            await Expect(Items).ToHaveCountAsync(0);
        }
        finally
        {
            await App.DynamoDb.StartAsync();
        }
        await Problem.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();

        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Added “Written during the outage”.");
        await Expect(Titles).ToHaveTextAsync(["Written during the outage"]);
        await Expect(Problem).ToBeHiddenAsync();
        Assert.Single(await App.ListAsync());
    }

    [Fact]
    public async Task Toggle_WhileDynamoDbIsDown_RollsBackVisibly()
    {
        await AddAsync("Stays open");
        await App.DynamoDb!.StopAsync();
        try
        {
            // A plain click: the page rolls the box back, which CheckAsync would take for a click that did nothing.
            await Item("Stays open").Locator(".toggle").ClickAsync();

            await Expect(Problem).ToContainTextAsync("Changing “Stays open” failed");
            await Expect(Item("Stays open").Locator(".toggle")).Not.ToBeCheckedAsync();
            await Expect(Count).ToHaveTextAsync("1 item left");
        }
        finally
        {
            await App.DynamoDb.StartAsync();
        }
        await Problem.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(Item("Stays open").Locator(".toggle")).ToBeCheckedAsync();
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("“Stays open” marked done.");
    }
}

public sealed class KestrelOutageTests(KestrelOutageApp app) : OutageTests<KestrelOutageApp>(app);

public sealed class LambdaOutageTests(LambdaOutageApp app) : OutageTests<LambdaOutageApp>(app);
