using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>
/// A write that lands in DynamoDB but whose answer is lost is retried by the SDK, and the retry
/// then fails its condition. The app must see that the stored item is its own (by the write id stored with it, or for a
/// delete by DynamoDB's transaction token) and answer success, once: never a 500 for a task that exists, a 412 for a
/// write that happened, or a write applied twice.
/// </summary>
public sealed class LostAnswerTests(LostAnswerTests.ProxiedApplication app) : IClassFixture<LostAnswerTests.ProxiedApplication>
{
    private LossyDynamoDbProxy Proxy => app.Proxy!;

    private HttpClient Client() => app.CreateClientForNewOwner();

    [Fact]
    public async Task Post_PutItemAnswerLost_Answers201AndStoresOneTask()
    {
        var client = Client();
        Proxy.Operation = "PutItem";
        Proxy.LoseAnswers = 1;

        using var response = await client.PostAsync("/tasks", Requests.Json("""{"title":"landed"}"""));

        Assert.Equal(1, Proxy.Lost);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await (await client.GetAsync("/tasks")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Put_IfMatchAnswerLost_Answers200AtTheNextVersion()
    {
        var client = Client();
        var id = (await client.CreateTaskAsync("before")).GetProperty("id").GetString();
        Proxy.Operation = "PutItem";
        Proxy.LoseAnswers = 1;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}") { Content = Requests.Json("""{"title":"after"}""") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal(2, stored.GetProperty("version").GetInt64());
        Assert.Equal("after", stored.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Patch_AnswerLost_IsAppliedOnce()
    {
        var client = Client();
        var id = (await client.CreateTaskAsync("patch once")).GetProperty("id").GetString();
        Proxy.Operation = "PutItem";
        Proxy.LoseAnswers = 1;

        using var response = await client.PatchAsync($"/tasks/{id}", Requests.Json("""{"status":"done"}""", "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync()).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Delete_AnswerLost_Answers204()
    {
        // The delete is a one-item transaction with an idempotency token: the SDK's retry carries the same token, and
        // DynamoDB answers it as the success the lost first attempt was. Still 204, now because the write was our own.
        var client = Client();
        var id = (await client.CreateTaskAsync("delete once")).GetProperty("id").GetString();
        Proxy.Operation = "TransactWriteItems";
        Proxy.LoseAnswers = 1;

        using var response = await client.DeleteAsync($"/tasks/{id}");

        Assert.Equal(1, Proxy.Lost);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/tasks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Post_IdempotentTransactionAnswerLost_Answers201AndStoresOneTask()
    {
        var client = Client();
        Proxy.Operation = "TransactWriteItems";
        Proxy.LoseAnswers = 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tasks") { Content = Requests.Json("""{"title":"once"}""") };
        request.Headers.Add("Idempotency-Key", "lost-answer");

        using var response = await client.SendAsync(request);

        Assert.Equal(1, Proxy.Lost);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, (await (await client.GetAsync("/tasks")).ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    public sealed class ProxiedApplication : TasksApplication, IAsyncLifetime
    {
        public LossyDynamoDbProxy? Proxy { get; private set; }

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            Proxy = new LossyDynamoDbProxy(ServiceUrl);
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            if (Proxy is not null)
            {
                await Proxy.DisposeAsync();
            }
        }

        protected override void Configure(IWebHostBuilder builder) =>
            builder.UseSetting("DynamoDb:ServiceUrl", Proxy!.Url);
    }
}
