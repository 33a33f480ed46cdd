using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Tasks;

/// <summary>
/// The one place that writes a task answer's headers: <c>ETag</c> (its version), <c>Location</c> on a create, and
/// <c>Idempotent-Replayed</c> on a replayed create. Wraps the typed result that writes the status and body.
/// </summary>
internal sealed class TaskResult<TResult>(TResult inner, TaskResult.Headers headers) : IResult, IEndpointMetadataProvider
    where TResult : IResult, IEndpointMetadataProvider
{
    public TResult Inner => inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response.Headers;
        response.ETag = ETags.For(headers.Version);
        if (headers.CreatedId is { } id)
        {
            response.Location = $"{httpContext.Request.PathBase}/tasks/{id}";
        }
        if (headers.Replayed)
        {
            response[IdempotencyKeys.ReplayedHeader] = "true";
        }
        return inner.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => TResult.PopulateMetadata(method, builder);
}

/// <summary>Builds <see cref="TaskResult{TResult}"/>s.</summary>
internal static class TaskResult
{
    public static TaskResult<Ok<TaskResponse>> Ok(TaskResponse task) => new(TypedResults.Ok(task), new(task.Version));

    public static TaskResult<NotModified> NotModified(long version) => new(Platform.Http.NotModified.Instance, new(version));

    public static TaskResult<Created<TaskResponse>> Created(TaskResponse task, bool replayed) =>
        new(TypedResults.Created((string?)null, task), new(task.Version, task.Id, replayed));

    internal sealed record Headers(long Version, string? CreatedId = null, bool Replayed = false);
}
