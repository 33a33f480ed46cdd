using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tasks.Api.Persistence;
using Tasks.Api.Tasks;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

/// <summary>
/// The two answers no well-behaved DynamoDB gives on demand, forced through the real app: a write that keeps
/// losing its race (409) and a storage call that throws something unexpected (500). The repository is the
/// real one against DynamoDB Local, wrapped.
/// </summary>
public sealed class LostRaceTests(LostRaceTests.LosingApplication app) : IClassFixture<LostRaceTests.LosingApplication>
{
    [Fact]
    public async Task Put_WithoutIfMatchAlwaysLosingTheRace_Returns409AndWritesNothing()
    {
        var client = app.CreateClient();
        var created = await client.CreateTaskAsync("contended");
        var id = created.GetProperty("id").GetString();

        using var response = await client.PutAsync($"/tasks/{id}", Requests.Json("""{"title":"never lands"}"""));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        using var read = await client.GetAsync($"/tasks/{id}");
        Assert.Equal(created.GetRawText(), (await read.ReadJsonAsync()).GetRawText());
    }

    public sealed class LosingApplication : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<ITaskRepository>(sp =>
                new AlwaysLosingReplace(ActivatorUtilities.CreateInstance<DynamoDbTaskRepository>(sp)))));
    }

    /// <summary>Every conditional replace reports that another writer got there first.</summary>
    private sealed class AlwaysLosingReplace(ITaskRepository inner) : ForwardingRepository(inner)
    {
        public override Task<bool> ReplaceAsync(TaskItem task, long expectedVersion, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }
}

public sealed class UnexpectedFailureTests(UnexpectedFailureTests.ThrowingApplication app) : IClassFixture<UnexpectedFailureTests.ThrowingApplication>
{
    [Fact]
    public async Task Get_RepositoryThrows_Returns500ProblemWithRequestIdAndNoInternals()
    {
        var client = app.CreateClient();

        using var response = await client.GetAsync($"/tasks/{Guid.CreateVersion7()}");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("requestId").GetString()));
        var text = problem.GetRawText();
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingGet.Secret, text, StringComparison.Ordinal);
        // The app keeps serving after it.
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    public sealed class ThrowingApplication : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<ITaskRepository>(sp =>
                new ThrowingGet(ActivatorUtilities.CreateInstance<DynamoDbTaskRepository>(sp)))));
    }

    private sealed class ThrowingGet(ITaskRepository inner) : ForwardingRepository(inner)
    {
        public const string Secret = "internal detail that must not leak";

        public override Task<TaskItem?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);
    }
}

/// <summary>Passes every call to the real repository; a test overrides the one it breaks.</summary>
internal abstract class ForwardingRepository(ITaskRepository inner) : ITaskRepository
{
    public virtual Task<TaskItem?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken) =>
        inner.GetAsync(ownerId, id, cancellationToken);

    public Task<TaskListPage> ListAsync(string ownerId, string? status, int limit, Guid? after, CancellationToken cancellationToken) =>
        inner.ListAsync(ownerId, status, limit, after, cancellationToken);

    public Task<bool> CreateAsync(TaskItem task, CancellationToken cancellationToken) => inner.CreateAsync(task, cancellationToken);

    public Task<IdempotencyClaim?> CreateOnceAsync(TaskItem task, IdempotencyClaim claim, CancellationToken cancellationToken) =>
        inner.CreateOnceAsync(task, claim, cancellationToken);

    public virtual Task<bool> ReplaceAsync(TaskItem task, long expectedVersion, CancellationToken cancellationToken) =>
        inner.ReplaceAsync(task, expectedVersion, cancellationToken);

    public Task<bool> DeleteAsync(string ownerId, Guid id, long expectedVersion, CancellationToken cancellationToken) =>
        inner.DeleteAsync(ownerId, id, expectedVersion, cancellationToken);
}
