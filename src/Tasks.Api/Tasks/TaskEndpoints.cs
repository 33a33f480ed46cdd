using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tasks.Api.Platform.Http;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Platform.OpenApi;
using Tasks.Api.Platform.Security;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;

namespace Tasks.Api.Tasks;

/// <summary>The /tasks routes, and handlers that read the request, ask <see cref="TaskService"/>, and turn its outcome into an answer.</summary>
internal static class TaskEndpoints
{
    private static readonly string[] WriteMediaTypes = [JsonBody.JsonMediaType];
    private static readonly string[] PatchMediaTypes = [JsonBody.MergePatchMediaType, JsonBody.JsonMediaType];

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/tasks").WithTags("Tasks")
            .RequireAuthorization(ApiSecurityRegistration.OwnerPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        tasks.MapGet("/", List).WithName("ListTasks")
            .WithSummary("Lists the caller's tasks, oldest first, a page at a time.");
        tasks.MapPost("/", Create).WithName("CreateTask")
            .WithSummary("Creates a task; a retry with the same Idempotency-Key and body returns the first answer.")
            .AcceptsTaskBody(WriteMediaTypes)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Counts("TasksCreated", StatusCodes.Status201Created, unlessHeader: IdempotencyKeys.ReplayedHeader);
        tasks.MapGet("/{id}", Get).WithName("GetTask")
            .WithSummary("Gets one task; answers 304 when If-None-Match names its current ETag.")
            .WithMetadata(new RequestHeaderMetadata("If-None-Match", "An ETag from an earlier read: 304 while it is still current."))
            .ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPut("/{id}", Replace).WithName("ReplaceTask")
            .WithSummary("Replaces a task's editable fields; honours If-Match.")
            .AcceptsTaskBody(WriteMediaTypes)
            .IsConditionalWrite()
            .Counts("TasksUpdated", StatusCodes.Status200OK);
        tasks.MapPatch("/{id}", Patch).WithName("PatchTask")
            .WithSummary("Applies a JSON merge patch (RFC 7396) to a task's editable fields; honours If-Match.")
            .AcceptsTaskBody(PatchMediaTypes)
            .IsConditionalWrite()
            .Counts("TasksUpdated", StatusCodes.Status200OK);
        tasks.MapDelete("/{id}", Delete).WithName("DeleteTask")
            .WithSummary("Deletes a task; honours If-Match.")
            .IsConditionalWrite()
            .Counts("TasksDeleted", StatusCodes.Status204NoContent);
        return app;
    }

    public static async Task<Results<Ok<TaskPage>, ValidationProblem>> List(
        Owner owner, ITaskRepository tasks, string? status, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!TaskListQuery.TryParse(owner.Id, status, limit, cursor, out var query, out var problem))
        {
            return problem;
        }
        var page = await tasks.ListAsync(owner.Id, query.Status, query.Limit, query.After, cancellationToken);
        var next = page.ResumeAfter is { } resume ? TaskCursor.Encode(owner.Id, query.Status, resume) : null;
        return TypedResults.Ok(new TaskPage([.. page.Items.Select(TaskResponse.From)], next));
    }

    public static async Task<Results<TaskResult<Created<TaskResponse>>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, Owner owner, TaskService service,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!IdempotencyKeys.IsAcceptable(request.Headers, idempotencyKey))
        {
            return Problems.BadParameter(IdempotencyKeys.Header, IdempotencyKeys.Rule);
        }
        using var body = await JsonBody.ReadObjectAsync(request, WriteMediaTypes, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Problem;
        }
        var outcome = await service.CreateAsync(owner.Id, body.Document.RootElement, idempotencyKey, cancellationToken);
        return outcome.Status switch
        {
            WriteStatus.Written or WriteStatus.Replayed => TaskResult.Created(outcome.Task!, outcome.Status == WriteStatus.Replayed),
            WriteStatus.KeyReused => Problems.IdempotencyKeyReused(),
            _ => TypedResults.ValidationProblem(outcome.Errors!),
        };
    }

    public static async Task<Results<TaskResult<Ok<TaskResponse>>, TaskResult<NotModified>, ValidationProblem, ProblemHttpResult>> Get(
        string id, HttpRequest request, Owner owner, ITaskRepository tasks, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        if (await tasks.GetAsync(owner.Id, taskId, cancellationToken) is not { } task)
        {
            return Problems.NotFound($"Task {id}");
        }
        return ETags.IfNoneMatchHits(request, task.Version) ? TaskResult.NotModified(task.Version) : TaskResult.Ok(TaskResponse.From(task));
    }

    public static Task<Results<TaskResult<Ok<TaskResponse>>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, HttpRequest request, Owner owner, TaskService service, CancellationToken cancellationToken) =>
        WriteAsync(id, request, WriteMediaTypes, (taskId, ifMatch, body) => service.ReplaceAsync(owner.Id, taskId, ifMatch, body, cancellationToken), cancellationToken);

    public static Task<Results<TaskResult<Ok<TaskResponse>>, ValidationProblem, ProblemHttpResult>> Patch(
        string id, HttpRequest request, Owner owner, TaskService service, CancellationToken cancellationToken) =>
        WriteAsync(id, request, PatchMediaTypes, (taskId, ifMatch, body) => service.PatchAsync(owner.Id, taskId, ifMatch, body, cancellationToken), cancellationToken);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        string id, HttpRequest request, Owner owner, TaskService service, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        if (!ETags.TryReadIfMatch(request, out var ifMatch))
        {
            return BadIfMatch();
        }
        var outcome = await service.DeleteAsync(owner.Id, taskId, ifMatch, cancellationToken);
        return outcome.Status == WriteStatus.Written ? TypedResults.NoContent() : Refusal<NoContent>(outcome, id);
    }

    /// <summary>PUT and PATCH: the id, the body, If-Match, then the service's read-modify-write.</summary>
    private static async Task<Results<TaskResult<Ok<TaskResponse>>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string id, HttpRequest request, string[] mediaTypes, Func<Guid, IfMatch, JsonElement, Task<WriteOutcome>> write,
        CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        using var body = await JsonBody.ReadObjectAsync(request, mediaTypes, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Problem;
        }
        if (!ETags.TryReadIfMatch(request, out var ifMatch))
        {
            return BadIfMatch();
        }
        var outcome = await write(taskId, ifMatch, body.Document.RootElement);
        return outcome.Status == WriteStatus.Written ? TaskResult.Ok(outcome.Task!) : Refusal<TaskResult<Ok<TaskResponse>>>(outcome, id);
    }

    /// <summary>Why a write to an existing task did not happen, as its problem answer.</summary>
    // Results<...> reads its type arguments' metadata methods; the annotation carries that requirement to TSuccess (trimming).
    private static Results<TSuccess, ValidationProblem, ProblemHttpResult> Refusal<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods)] TSuccess>(
        WriteOutcome outcome, string id)
        where TSuccess : IResult => outcome.Status switch
        {
            WriteStatus.Invalid => TypedResults.ValidationProblem(outcome.Errors!),
            WriteStatus.NotFound => Problems.NotFound($"Task {id}"),
            WriteStatus.PreconditionFailed => Problems.PreconditionFailed(),
            _ => Problems.Conflict(),
        };

    private static RouteHandlerBuilder IsConditionalWrite(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new RequestHeaderMetadata("If-Match", "The ETag you read (or *): the write happens only while it is current, else 412."))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static RouteHandlerBuilder AcceptsTaskBody(this RouteHandlerBuilder endpoint, string[] mediaTypes) => endpoint
        .Accepts<TaskWriteRequest>(mediaTypes[0], mediaTypes[1..])
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static ValidationProblem BadIfMatch() =>
        Problems.BadParameter("If-Match", "If-Match must be * or a list of quoted entity tags, such as \"3\".");

    private static ValidationProblem BadId() =>
        Problems.BadParameter("id", "A task id is a UUID in its 36-character hyphenated form.");
}
