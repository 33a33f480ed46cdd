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
    [MemberData(nameof(HostileRequests.LambdaNames), MemberType = typeof(HostileRequests))]
    public async Task Request_Hostile_AnsweredSafelyThroughLambda(string name)
    {
        await HostileRunner.AssertAnsweredSafelyAsync(lambda.Client, HostileRequests.Get(name), _sentinel, _table);

        // One process serves the whole class: a case that crashed it fails here, not in whichever case runs next.
        Assert.False(lambda.Process.HasExited, "the function process exited");
    }

    [Fact]
    public async Task Function_AfterHostileCases_StillServesFromTheSameProcess()
    {
        using var response = await lambda.Client.GetAsync("/health");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.False(lambda.Process.HasExited);
    }
}
