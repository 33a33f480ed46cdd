using Tasks.Api.Tests.Security;

namespace Tasks.Api.Tests.Lambda;

/// <summary>The hostile catalogue through the Lambda path: HTTP API v2 events into the built app, v2 responses out.</summary>
public sealed class LambdaHostileSuiteTests(LambdaFunction lambda) : IClassFixture<LambdaFunction>, IAsyncLifetime
{
    private string _sentinel = "";
    private TableSnapshot _table = null!;

    public async Task InitializeAsync()
    {
        _sentinel = (await Infrastructure.Requests.CreateTaskAsync(lambda.Client, "sentinel", description: "must survive"))
            .GetProperty("id").GetString()!;
        _table = new TableSnapshot(lambda.ServiceUrl, lambda.TableName);
    }

    public Task DisposeAsync()
    {
        _table.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [MemberData(nameof(HostileRequests.Names), MemberType = typeof(HostileRequests))]
    public Task Request_Hostile_AnsweredSafelyThroughLambda(string name) =>
        HostileRunner.AssertAnsweredSafelyAsync(lambda.Client, HostileRequests.Get(name), _sentinel, _table);

    [Fact]
    public async Task Function_AfterTheWholeCatalogue_IsStillTheSameProcess()
    {
        using var response = await lambda.Client.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(lambda.Process.HasExited);
    }
}
