using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>The app on real Kestrel (a loopback port, the real HTTP stack) against DynamoDB Local.</summary>
public sealed class KestrelTasksApplication : TasksApplication
{
    public KestrelTasksApplication() => UseKestrel(0);
}

/// <summary>Every hostile case against the app on Kestrel: a 4xx problem (or 2xx for valid input), never a 5xx, no write on rejection.</summary>
public sealed class HostileSuiteTests(KestrelTasksApplication app) : IClassFixture<KestrelTasksApplication>, IAsyncLifetime
{
    private HttpClient _client = null!;
    private string _sentinel = "";
    private TableSnapshot _table = null!;

    public async Task InitializeAsync()
    {
        _client = app.CreateClient();
        _sentinel = (await _client.CreateTaskAsync("sentinel", description: "must survive")).GetProperty("id").GetString()!;
        _table = new TableSnapshot(app.ServiceUrl, app.TableName);
    }

    public Task DisposeAsync()
    {
        _table.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Catalogue_HasAtLeast200Cases_WithUniqueNames()
    {
        Assert.True(HostileRequests.All.Count >= 200, $"{HostileRequests.All.Count} cases");
        Assert.Equal(HostileRequests.All.Count, HostileRequests.All.Select(c => c.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(HostileRequests.Names), MemberType = typeof(HostileRequests))]
    public Task Request_Hostile_AnsweredSafelyOnKestrel(string name) =>
        HostileRunner.AssertAnsweredSafelyAsync(_client, HostileRequests.Get(name), _sentinel, _table);

    [Fact]
    public async Task Response_OnKestrel_HasNoServerBanner()
    {
        using var response = await _client.GetAsync("/health");

        Assert.False(response.Headers.Contains("Server"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
