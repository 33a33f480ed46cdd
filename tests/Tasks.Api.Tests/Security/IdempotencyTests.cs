using System.Net;
using System.Reflection;
using Amazon.DynamoDBv2;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

public sealed class IdempotencyTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    private static HttpRequestMessage Post(string key, string body) => new(HttpMethod.Post, "/tasks")
    {
        Content = Requests.Json(body),
        Headers = { { "Idempotency-Key", key } },
    };

    [Fact]
    public async Task Post_RetriedWithSameKeyAndBody_ReturnsOriginal201AndCreatesOneTask()
    {
        var client = app.CreateClientForNewOwner();

        using var first = await client.SendAsync(Post("retry-1", """{"title":"Pay rent"}"""));
        using var second = await client.SendAsync(Post("retry-1", """{ "title" : "Pay rent" }"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var page = await (await client.GetAsync("/tasks")).ReadJsonAsync();
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Returns422AndCreatesNothingMore()
    {
        var client = app.CreateClientForNewOwner();
        using var first = await client.SendAsync(Post("reused", """{"title":"One"}"""));

        using var second = await client.SendAsync(Post("reused", """{"title":"Two"}"""));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var page = await (await client.GetAsync("/tasks")).ReadJsonAsync();
        Assert.Equal(1, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Post_TwentyParallelWithOneKey_OneTaskAndEveryAnswerCarriesItsId()
    {
        var client = app.CreateClientForNewOwner();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await client.SendAsync(Post("burst", """{"title":"Only once"}"""));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadJsonAsync()).GetProperty("id").GetString();
        }));

        Assert.Single(answers.Distinct());
        var items = (await (await client.GetAsync("/tasks")).ReadJsonAsync()).GetProperty("items");
        Assert.Equal(1, items.GetArrayLength());
        Assert.Equal(answers[0], items[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_SameKeyTwoOwners_CreatesOneTaskEach()
    {
        var alice = app.CreateClientForNewOwner();
        var bob = app.CreateClientForNewOwner();

        using var a = await alice.SendAsync(Post("shared-key", """{"title":"Same"}"""));
        using var b = await bob.SendAsync(Post("shared-key", """{"title":"Same"}"""));

        Assert.NotEqual((await a.ReadJsonAsync()).GetProperty("id").GetString(), (await b.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_AfterTheKeyExpired_CreatesANewTask()
    {
        var client = app.WithWebHostBuilder(b => b
            .UseSetting("Tasks:DefaultOwner", $"owner-{Guid.NewGuid():N}")
            .UseSetting("Tasks:IdempotencyWindow", "00:00:01")).CreateClient();
        using var first = await client.SendAsync(Post("short-lived", """{"title":"Again"}"""));

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        using var second = await client.SendAsync(Post("short-lived", """{"title":"Again"}"""));

        Assert.NotEqual((await first.ReadJsonAsync()).GetProperty("id").GetString(), (await second.ReadJsonAsync()).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task Post_InvalidKey_Returns400(string key)
    {
        var client = app.CreateClientForNewOwner();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tasks") { Content = Requests.Json("""{"title":"x"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_KeyOf256Chars_Returns400()
    {
        using var response = await app.CreateClientForNewOwner().SendAsync(Post(new string('k', 256), """{"title":"x"}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}

/// <summary>A replay is answered from a read of the key: it sends DynamoDB no transaction (one cancelled by its condition counts as a user error).</summary>
public sealed class IdempotentReplayCostTests(IdempotentReplayCostTests.CountingApplication app) : IClassFixture<IdempotentReplayCostTests.CountingApplication>
{
    [Fact]
    public async Task Post_Replayed_SendsNoTransaction()
    {
        var client = app.CreateClient();
        var key = $"replay-{Guid.NewGuid():N}";
        using var first = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/tasks")
        {
            Content = Requests.Json("""{"title":"once"}"""),
            Headers = { { "Idempotency-Key", key } },
        });
        var transactionsAfterFirst = app.Transactions;

        using var replay = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/tasks")
        {
            Content = Requests.Json("""{"title":"once"}"""),
            Headers = { { "Idempotency-Key", key } },
        });

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, transactionsAfterFirst);
        Assert.Equal(transactionsAfterFirst, app.Transactions);
    }

    public sealed class CountingApplication : TasksApplication
    {
        private int _transactions;

        public int Transactions => Volatile.Read(ref _transactions);

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services =>
            {
                var real = services.Single(d => d.ServiceType == typeof(IAmazonDynamoDB));
                services.Remove(real);
                services.AddSingleton(sp =>
                {
                    var proxy = DispatchProxy.Create<IAmazonDynamoDB, CountingDynamoDb>();
                    ((CountingDynamoDb)(object)proxy).Attach((IAmazonDynamoDB)real.ImplementationFactory!(sp), () => Interlocked.Increment(ref _transactions));
                    return proxy;
                });
            });
    }

    /// <summary>Forwards every call to the real client and counts TransactWriteItems.</summary>
    public class CountingDynamoDb : DispatchProxy
    {
        private IAmazonDynamoDB _inner = null!;
        private Action _onTransaction = null!;

        public void Attach(IAmazonDynamoDB inner, Action onTransaction) => (_inner, _onTransaction) = (inner, onTransaction);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IAmazonDynamoDB.TransactWriteItemsAsync))
            {
                _onTransaction();
            }
            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
