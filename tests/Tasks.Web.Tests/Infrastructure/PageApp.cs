using System.Net.Http.Json;
using System.Text.Json;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>
/// The app serving the page, started once per test class with authentication off and an owner of its own, so no
/// class sees another's tasks; <see cref="ResetAsync"/> empties that owner's list before each test.
/// Subclasses decide the way it runs: on Kestrel, or behind the Runtime API emulator's front door.
/// </summary>
public abstract class PageApp : IAsyncLifetime
{
    private AppProcess? _app;

    public string Owner { get; } = $"page-{Guid.NewGuid():N}";

    public string TableName { get; } = $"tasks-page-{Guid.NewGuid():N}";

    /// <summary>Where the page is: <c>http://127.0.0.1:PORT/</c>, chosen before anything starts (the sign-in client needs it).</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{DynamoDbLocal.FreePort()}/");

    /// <summary>Set: authentication is on, against this OpenID provider (its users sign in on the page).</summary>
    public OidcProvider? Authorizer { get; private set; }

    /// <summary>True: sign-in against a local OpenID provider (tools/oidc) that knows the page as its client.</summary>
    protected virtual bool SignIn => false;

    /// <summary>The API at the same address, for arranging and checking data behind the page's back.</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>
    /// True: the app gets a DynamoDB Local of its own (<see cref="DynamoDb"/>) that a test may stop and start again, and
    /// makes one DynamoDB attempt of at most three seconds (one second failed the start-up check on a loaded CI box), so
    /// the page shows an outage within seconds instead of after retries.
    /// </summary>
    protected virtual bool OwnDynamoDb => false;

    public StoppableDynamoDb? DynamoDb { get; private set; }

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string?>
        {
            ["DynamoDb__ServiceUrl"] = await DynamoDbUrlAsync(),
            ["DynamoDb__MaxRetries"] = OwnDynamoDb ? "0" : null,
            ["DynamoDb__RequestTimeout"] = OwnDynamoDb ? "00:00:03" : null,
            ["DynamoDb__TableName"] = TableName,
            ["DynamoDb__CreateTableIfMissing"] = "true",
            ["Auth__Mode"] = "None",
            ["Tasks__DefaultOwner"] = Owner,
        };
        foreach (var (name, value) in Settings)
        {
            environment[name] = value;
        }
        if (SignIn)
        {
            Authorizer = new PageOidcProvider(BaseAddress.ToString());
            await Authorizer.InitializeAsync();
            environment["Auth__Mode"] = "Jwt";
            environment["Auth__Issuer"] = Authorizer.Issuer;
            environment["Auth__Audience"] = OidcProvider.Audience;
            environment["Auth__ClientId"] = OidcProvider.ClientId;
            environment["Auth__Scopes"] = "openid profile";
        }
        _app = await StartAsync(environment);
        Api = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await StopAsync();
        if (Authorizer is not null)
        {
            await Authorizer.DisposeAsync();
        }
        if (DynamoDb is not null)
        {
            await DynamoDb.DisposeAsync();
        }
    }

    private async Task<string> DynamoDbUrlAsync()
    {
        if (!OwnDynamoDb)
        {
            return await DynamoDbLocal.GetServiceUrlAsync();
        }
        DynamoDb = new StoppableDynamoDb();
        await DynamoDb.StartAsync();
        return DynamoDb.ServiceUrl;
    }

    /// <summary>Starts the app with <paramref name="environment"/>, serving at <see cref="BaseAddress"/>.</summary>
    protected abstract Task<AppProcess> StartAsync(Dictionary<string, string?> environment);

    protected virtual Task StopAsync() => Task.CompletedTask;

    /// <summary>A fresh browser context (no cookies, no storage) on the page, with its list loaded.</summary>
    public async Task<IPage> OpenAsync(string hash = "", ViewportSize? viewport = null)
    {
        var browser = await Chromium.GetAsync();
        var context = await browser.NewContextAsync(new() { ViewportSize = viewport ?? new() { Width = 1024, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(BaseAddress, hash).ToString());
        try
        {
            await WaitUntilReadyAsync(page);
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"The page did not load its list. Browser errors: {string.Join(" | ", errors)}", e);
        }
        return page;
    }

    /// <summary>Waits until the page shows its list, or (with sign-in on and nobody signed in) its sign-in button.</summary>
    public static Task WaitUntilReadyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelector('.todo-list').getAttribute('aria-busy') === 'false' || !document.querySelector('.signin').hidden");

    /// <summary>Deletes every task of the owner (with sign-in: of each development user).</summary>
    public async Task ResetAsync()
    {
        string?[] users = Authorizer is null ? [null] : ["alice", "bob"];
        foreach (var user in users)
        {
            await SignInAsAsync(user);
            foreach (var task in await ListAsync())
            {
                using var response = await Api.DeleteAsync($"tasks/{task.GetProperty("id").GetString()}");
                response.EnsureSuccessStatusCode();
            }
        }
    }

    /// <summary>With sign-in on: <see cref="Api"/> calls as <paramref name="user"/> from now on (a token from the provider).</summary>
    public async Task SignInAsAsync(string? user)
    {
        Api.DefaultRequestHeaders.Authorization = user is null
            ? null
            : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await Authorizer!.GetAccessTokenAsync(user));
    }

    /// <summary>Every task of the owner, oldest first, read through the API.</summary>
    public async Task<List<JsonElement>> ListAsync()
    {
        var tasks = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await Api.GetFromJsonAsync<JsonElement>($"tasks?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            tasks.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return tasks;
    }

    public async Task<JsonElement> CreateAsync(string title, string status = "todo", string? dueDate = null, string? description = null)
    {
        using var response = await Api.PostAsJsonAsync("tasks", new { title, status, dueDate, description });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task WaitUntilServingAsync()
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException($"The app exited at start:\n{_app.Output}");
            }
            try
            {
                using var response = await Api.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100); // polling for the process to listen, not passing time
        }
        throw new TimeoutException($"The app did not serve /health:\n{_app!.Output}");
    }
}
