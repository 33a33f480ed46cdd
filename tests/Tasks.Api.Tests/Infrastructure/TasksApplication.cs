using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>
/// The real app on the test server, against DynamoDB Local, with a table of its own: each test
/// class that takes it as a fixture sees only its own data.
/// </summary>
public class TasksApplication : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string TableName { get; } = $"tasks-test-{Guid.NewGuid():N}";

    public string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync() => ServiceUrl = await DynamoDbLocal.GetServiceUrlAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("DynamoDb:ServiceUrl", ServiceUrl);
        builder.UseSetting("DynamoDb:TableName", TableName);
        builder.UseSetting("DynamoDb:CreateTableIfMissing", "true");
        // Test classes fire hundreds of requests from one client; RateLimitTests turns it on.
        builder.UseSetting("Security:RateLimitEnabled", "false");
        Configure(builder);
    }

    protected virtual void Configure(IWebHostBuilder builder)
    {
    }

    /// <summary>A client whose requests belong to an owner no other test uses.</summary>
    public HttpClient CreateClientForNewOwner() =>
        WithWebHostBuilder(b => b.UseSetting("Tasks:DefaultOwner", $"owner-{Guid.NewGuid():N}")).CreateClient();
}
