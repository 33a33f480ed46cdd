using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Tasks.Api.Http;
using Tasks.Api.Security;
using FromHeaderAttribute = Microsoft.AspNetCore.Mvc.FromHeaderAttribute;

namespace Tasks.Api.Tasks;

internal static class TaskEndpoints
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>A read-modify-write that loses a race re-reads and tries again this many times, then answers 409.</summary>
    private const int WriteAttempts = 3;

    private static readonly string[] WriteMediaTypes = [JsonBody.JsonMediaType];
    private static readonly string[] PatchMediaTypes = [JsonBody.MergePatchMediaType, JsonBody.JsonMediaType];

    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/tasks").WithTags("Tasks")
            .RequireAuthorization(SecurityRegistration.OwnerPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        tasks.MapGet("/", List).WithName("ListTasks")
            .WithSummary("Lists the caller's tasks, oldest first, a page at a time.");
        tasks.MapPost("/", Create).WithName("CreateTask")
            .WithSummary("Creates a task; a retry with the same Idempotency-Key and body returns the first answer.")
            .AcceptsTaskBody(WriteMediaTypes)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        tasks.MapGet("/{id}", Get).WithName("GetTask")
            .WithSummary("Gets one task; answers 304 when If-None-Match names its current ETag.")
            .WithMetadata(new RequestHeaderMetadata("If-None-Match", "An ETag from an earlier read: 304 while it is still current."))
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        tasks.MapPut("/{id}", Replace).WithName("ReplaceTask")
            .WithSummary("Replaces a task's editable fields; honours If-Match.")
            .AcceptsTaskBody(WriteMediaTypes)
            .IsConditionalWrite();
        tasks.MapPatch("/{id}", Patch).WithName("PatchTask")
            .WithSummary("Applies a JSON merge patch (RFC 7396) to a task's editable fields; honours If-Match.")
            .AcceptsTaskBody(PatchMediaTypes)
            .IsConditionalWrite();
        tasks.MapDelete("/{id}", Delete).WithName("DeleteTask")
            .WithSummary("Deletes a task; honours If-Match.")
            .IsConditionalWrite();
        return app;
    }

    private static RouteHandlerBuilder IsConditionalWrite(this RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new RequestHeaderMetadata("If-Match", "The ETag you read (or *): the write happens only while it is current, else 412."))
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static RouteHandlerBuilder AcceptsTaskBody(this RouteHandlerBuilder endpoint, string[] mediaTypes) => endpoint
        .Accepts<TaskWriteRequest>(mediaTypes[0], mediaTypes[1..])
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    public static async Task<Results<Ok<TaskPage>, ValidationProblem>> List(
        Owner owner, ITaskRepository tasks, string? status, string? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (status is not null && !TaskStatuses.IsKnown(status))
        {
            return Problems.BadParameter("status", $"Status must be one of: {string.Join(", ", TaskStatuses.All)}.");
        }
        var pageSize = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.BadParameter("limit", $"Limit must be a whole number from 1 to {MaxPageSize}.");
        }
        Guid? after = null;
        if (cursor is not null)
        {
            if (!TaskCursor.TryDecode(cursor, owner.Id, status, out var lastId))
            {
                return Problems.BadParameter("cursor", "The cursor is not one this list returned for this query.");
            }
            after = lastId;
        }

        var page = await tasks.ListAsync(owner.Id, status, pageSize, after, cancellationToken);
        var next = page.ResumeAfter is { } resume ? TaskCursor.Encode(owner.Id, status, resume) : null;
        return TypedResults.Ok(new TaskPage([.. page.Items.Select(TaskResponse.From)], next));
    }

    public static async Task<Results<Created<TaskResponse>, ValidationProblem, ProblemHttpResult>> Create(
        HttpRequest request, Owner owner, [AsParameters] TaskServices services,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey, CancellationToken cancellationToken)
    {
        // Bound for the OpenAPI document; a present but empty header binds as null and is refused too.
        var keys = request.Headers[IdempotencyKeys.Header];
        if (keys.Count > 1 || (request.Headers.ContainsKey(IdempotencyKeys.Header) && !IdempotencyKeys.IsValid(idempotencyKey ?? "")))
        {
            return Problems.BadParameter(IdempotencyKeys.Header, IdempotencyKeys.Rule);
        }
        var (body, unreadable, invalid) = await ReadWriteRequestAsync(request, services, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (body is null)
        {
            return invalid!;
        }
        var now = services.Now();
        var task = Apply(body, new TaskItem(owner.Id, TaskIds.New(services.Clock), "", null, TaskStatuses.Todo, null, now, now, 1));
        var response = TaskResponse.From(task);
        if (idempotencyKey is null)
        {
            if (!await services.Tasks.CreateAsync(task, cancellationToken))
            {
                throw new InvalidOperationException($"A freshly made task id collided: {task.Id}.");
            }
        }
        else
        {
            var claim = new IdempotencyClaim(idempotencyKey, IdempotencyKeys.Hash(body, services.JsonOptions),
                JsonSerializer.Serialize(response, services.JsonOptions.TypeInfo<TaskResponse>()), now + services.Options.Value.IdempotencyWindow);
            if (await services.Tasks.CreateOnceAsync(task, claim, cancellationToken) is { } earlier)
            {
                if (earlier.RequestHash != claim.RequestHash)
                {
                    return Problems.IdempotencyKeyReused();
                }
                response = JsonSerializer.Deserialize(earlier.Response, services.JsonOptions.TypeInfo<TaskResponse>())!;
                request.HttpContext.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            }
        }
        request.HttpContext.Response.Headers.ETag = ETags.For(response.Version);
        return TypedResults.Created($"{request.PathBase}/tasks/{response.Id}", response);
    }

    public static async Task<Results<Ok<TaskResponse>, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> Get(
        string id, HttpContext context, Owner owner, ITaskRepository tasks, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        var task = await tasks.GetAsync(owner.Id, taskId, cancellationToken);
        if (task is null)
        {
            return Problems.NotFound($"Task {id}");
        }
        context.Response.Headers.ETag = ETags.For(task.Version);
        if (ETags.IfNoneMatchHits(context.Request, task.Version))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Ok(TaskResponse.From(task));
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, HttpRequest request, Owner owner, [AsParameters] TaskServices services, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        var (body, unreadable, invalid) = await ReadWriteRequestAsync(request, services, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        if (body is null)
        {
            return invalid!;
        }
        return await WriteAsync(request, owner, taskId, services, _ => (body, null), cancellationToken);
    }

    public static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> Patch(
        string id, HttpRequest request, Owner owner, [AsParameters] TaskServices services, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        var (document, problem) = await JsonBody.ReadObjectAsync(request, PatchMediaTypes, cancellationToken);
        if (document is null)
        {
            return problem!;
        }
        using (document)
        {
            var patch = JsonNode.Parse(document.RootElement.GetRawText())!;
            return await WriteAsync(request, owner, taskId, services, current =>
            {
                var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(ToWriteRequest(current), services.JsonOptions.TypeInfo<TaskWriteRequest>()), patch);
                using var mergedDocument = JsonSerializer.SerializeToDocument(merged, services.JsonOptions.TypeInfo<JsonNode?>());
                return BindAndValidate(mergedDocument.RootElement, services);
            }, cancellationToken);
        }
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        string id, HttpRequest request, Owner owner, ITaskRepository tasks, CancellationToken cancellationToken)
    {
        if (!TaskIds.TryParse(id, out var taskId))
        {
            return BadId();
        }
        if (ETags.IfMatchIsMalformed(request))
        {
            return BadIfMatch();
        }
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await tasks.GetAsync(owner.Id, taskId, cancellationToken);
            if (current is null)
            {
                return Problems.NotFound($"Task {id}");
            }
            if (!ETags.IfMatchAllows(request, current.Version))
            {
                return Problems.PreconditionFailed();
            }
            if (await tasks.DeleteAsync(owner.Id, taskId, current.Version, cancellationToken))
            {
                return TypedResults.NoContent();
            }
        }
        return Problems.Conflict();
    }

    /// <summary>
    /// Read, check preconditions, change, and write back on the condition that the version is still
    /// the one read: two writers can never overwrite each other unseen. A lost race re-reads, so a
    /// stale If-Match then answers 412 and a vanished task 404.
    /// </summary>
    private static async Task<Results<Ok<TaskResponse>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        HttpRequest request, Owner owner, Guid id, TaskServices services,
        Func<TaskItem, (TaskWriteRequest? Body, ValidationProblem? Problem)> change, CancellationToken cancellationToken)
    {
        if (ETags.IfMatchIsMalformed(request))
        {
            return BadIfMatch();
        }
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await services.Tasks.GetAsync(owner.Id, id, cancellationToken);
            if (current is null)
            {
                return Problems.NotFound($"Task {TaskIds.Format(id)}");
            }
            if (!ETags.IfMatchAllows(request, current.Version))
            {
                return Problems.PreconditionFailed();
            }
            var (body, problem) = change(current);
            if (body is null)
            {
                return problem!;
            }
            var updated = Apply(body, current) with { UpdatedAt = services.Now(), Version = current.Version + 1 };
            if (await services.Tasks.ReplaceAsync(updated, current.Version, cancellationToken))
            {
                request.HttpContext.Response.Headers.ETag = ETags.For(updated.Version);
                return TypedResults.Ok(TaskResponse.From(updated));
            }
        }
        return Problems.Conflict();
    }

    private static async Task<(TaskWriteRequest? Body, ProblemHttpResult? Unreadable, ValidationProblem? Invalid)> ReadWriteRequestAsync(
        HttpRequest request, TaskServices services, CancellationToken cancellationToken)
    {
        var (document, problem) = await JsonBody.ReadObjectAsync(request, WriteMediaTypes, cancellationToken);
        if (document is null)
        {
            return (null, problem, null);
        }
        using (document)
        {
            var (body, invalid) = BindAndValidate(document.RootElement, services);
            return (body, null, invalid);
        }
    }

    private static (TaskWriteRequest? Body, ValidationProblem? Problem) BindAndValidate(JsonElement element, TaskServices services)
    {
        var (body, problem) = JsonBody.Bind<TaskWriteRequest>(element, services.JsonOptions);
        if (body is null)
        {
            return (null, problem);
        }
        var result = services.Validator.Validate(body);
        return result.IsValid ? (body, null) : (null, TypedResults.ValidationProblem(result.ToDictionary()));
    }

    private static TaskItem Apply(TaskWriteRequest body, TaskItem task) => task with
    {
        Title = body.Title!.Trim(),
        Description = body.Description,
        Status = body.Status ?? TaskStatuses.Todo,
        DueDate = body.DueDate,
    };

    private static TaskWriteRequest ToWriteRequest(TaskItem task) => new(task.Title, task.Description, task.Status, task.DueDate);

    private static ValidationProblem BadIfMatch() =>
        Problems.BadParameter("If-Match", "If-Match must be * or a list of quoted entity tags, such as \"3\".");

    private static ValidationProblem BadId() =>
        Problems.BadParameter("id", "A task id is a UUID in its 36-character hyphenated form.");
}

/// <summary>What the write handlers share, bound from DI in one parameter.</summary>
internal sealed record TaskServices(
    ITaskRepository Tasks, IValidator<TaskWriteRequest> Validator, TimeProvider Clock, IOptions<JsonOptions> Json, IOptions<TasksOptions> Options)
{
    public JsonSerializerOptions JsonOptions => Json.Value.SerializerOptions;

    /// <summary>Timestamps are kept to the millisecond.</summary>
    public DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
