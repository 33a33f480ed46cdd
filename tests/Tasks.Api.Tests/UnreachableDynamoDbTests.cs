using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests;

/// <summary>The app pointed at a port where nothing listens: health says 503, and task calls answer 503 problems.</summary>
public sealed class UnreachableDynamoDbTests : IClassFixture<UnreachableDynamoDbTests.UnreachableApplication>
{
    private readonly HttpClient _client;

    public UnreachableDynamoDbTests(UnreachableApplication app) => _client = app.CreateClient();

    [Fact]
    public async Task Health_DynamoDbRefuses_Returns503()
    {
        using var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Get_DynamoDbRefuses_Returns503ProblemWithRetryAfter()
    {
        using var response = await _client.GetAsync($"/tasks/{Guid.CreateVersion7()}");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        // The exception handler clears the response; the security headers must survive it.
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Post_DynamoDbRefuses_Returns503NotCreated()
    {
        using var response = await _client.PostAsync("/tasks", Requests.Json("""{"title":"lost?"}"""));

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Null(response.Headers.Location);
    }

    public sealed class UnreachableApplication : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("DynamoDb:ServiceUrl", $"http://127.0.0.1:{DynamoDbLocal.FreePort()}");
            builder.UseSetting("DynamoDb:CreateTableIfMissing", "false");
            builder.UseSetting("DynamoDb:MaxRetries", "0");
        }
    }
}

/// <summary><c>dotnet run --project src/Tasks.Api</c> with no DynamoDB to reach: it stops at once, saying how to start one.</summary>
public sealed class StartWithoutDynamoDbTests
{
    [Fact]
    public async Task Start_InDevelopmentWithNoDynamoDb_ExitsOneWithAOneLineHint()
    {
        var start = BuiltApp.StartInfo(BuiltApp.Directory);
        start.Environment.Remove("AWS_LAMBDA_RUNTIME_API");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DynamoDb__ServiceUrl"] = $"http://127.0.0.1:{DynamoDbLocal.FreePort()}";
        start.Environment["DynamoDb__MaxRetries"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "None";
        using var process = Process.Start(start)!;

        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("DynamoDB is not reachable at http://127.0.0.1:", line, StringComparison.Ordinal);
        Assert.Contains("./run.sh", line, StringComparison.Ordinal);
        _ = await stdout;
    }
}
