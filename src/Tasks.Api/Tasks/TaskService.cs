using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Tasks;

/// <summary>
/// The write rules of /tasks: validation, create-once with an Idempotency-Key, and the conditional
/// read-modify-write behind PUT, PATCH and DELETE. Knows nothing of HTTP beyond the If-Match it is handed.
/// </summary>
internal sealed class TaskService(
    ITaskRepository tasks, IValidator<TaskWriteRequest> validator, TimeProvider clock, IOptions<JsonOptions> json, IOptions<TasksOptions> options)
{
    /// <summary>A read-modify-write that loses a race re-reads and tries again this many times, then answers 409.</summary>
    public const int WriteAttempts = 3;

    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;

    public async Task<WriteOutcome> CreateAsync(string ownerId, JsonElement document, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!TryBindAndValidate(document, out var body, out var errors))
        {
            return WriteOutcome.Invalid(errors);
        }
        var now = Now();
        var task = Apply(body, new TaskItem(ownerId, TaskIds.New(clock), "", null, TaskStatuses.Todo, null, now, now, 1));
        var response = TaskResponse.From(task);
        if (idempotencyKey is null)
        {
            return await tasks.CreateAsync(task, cancellationToken)
                ? WriteOutcome.Written(response)
                : throw new InvalidOperationException($"A freshly made task id collided: {task.Id}.");
        }
        var claim = new IdempotencyClaim(idempotencyKey, IdempotencyKeys.Hash(body, _json),
            JsonSerializer.Serialize(response, _json.TypeInfo<TaskResponse>()), now + options.Value.IdempotencyWindow);
        return await tasks.CreateOnceAsync(task, claim, cancellationToken) switch
        {
            null => WriteOutcome.Written(response),
            { RequestHash: var hash } when hash != claim.RequestHash => WriteOutcome.KeyReused,
            var earlier => WriteOutcome.Replayed(JsonSerializer.Deserialize(earlier.Response, _json.TypeInfo<TaskResponse>())!),
        };
    }

    public Task<WriteOutcome> ReplaceAsync(string ownerId, Guid id, IfMatch ifMatch, JsonElement document, CancellationToken cancellationToken)
    {
        if (!TryBindAndValidate(document, out var body, out var errors))
        {
            return Task.FromResult(WriteOutcome.Invalid(errors));
        }
        return WriteAsync(ownerId, id, ifMatch, _ => (body, null), cancellationToken);
    }

    /// <summary>Applies a JSON merge patch (RFC 7396) to the current task's editable fields; the merged result is validated as a PUT body.</summary>
    public Task<WriteOutcome> PatchAsync(string ownerId, Guid id, IfMatch ifMatch, JsonElement document, CancellationToken cancellationToken)
    {
        var patch = JsonNode.Parse(document.GetRawText())!;
        return WriteAsync(ownerId, id, ifMatch, current =>
        {
            var merged = MergePatch.Apply(JsonSerializer.SerializeToNode(ToWriteRequest(current), _json.TypeInfo<TaskWriteRequest>()), patch);
            using var mergedDocument = JsonSerializer.SerializeToDocument(merged, _json.TypeInfo<JsonNode?>());
            return TryBindAndValidate(mergedDocument.RootElement, out var body, out var errors) ? (body, null) : (null, errors);
        }, cancellationToken);
    }

    public Task<WriteOutcome> DeleteAsync(string ownerId, Guid id, IfMatch ifMatch, CancellationToken cancellationToken) =>
        ReadCheckWriteAsync(ownerId, id, ifMatch, async current =>
            await tasks.DeleteAsync(ownerId, id, current.Version, cancellationToken) ? WriteOutcome.Written(TaskResponse.From(current)) : null,
            cancellationToken);

    /// <summary>PUT and PATCH: <paramref name="change"/> turns the current task into the body to write, or into errors.</summary>
    private Task<WriteOutcome> WriteAsync(
        string ownerId, Guid id, IfMatch ifMatch,
        Func<TaskItem, (TaskWriteRequest? Body, IDictionary<string, string[]>? Errors)> change, CancellationToken cancellationToken) =>
        ReadCheckWriteAsync(ownerId, id, ifMatch, async current =>
        {
            var changed = change(current);
            if (changed.Body is not { } body)
            {
                return WriteOutcome.Invalid(changed.Errors ?? new Dictionary<string, string[]>());
            }
            var updated = Apply(body, current) with { UpdatedAt = Now(), Version = current.Version + 1 };
            return await tasks.ReplaceAsync(updated, current.Version, cancellationToken) ? WriteOutcome.Written(TaskResponse.From(updated)) : null;
        }, cancellationToken);

    /// <summary>
    /// Read, check If-Match, and write on the condition that the version is still the one read: two writers can never
    /// overwrite each other unseen. <paramref name="write"/> answers null when it lost that race; the task is then read
    /// again, so a stale If-Match answers 412 and a vanished task 412 with If-Match or 404 without, up to <see cref="WriteAttempts"/> times.
    /// </summary>
    private async Task<WriteOutcome> ReadCheckWriteAsync(
        string ownerId, Guid id, IfMatch ifMatch, Func<TaskItem, Task<WriteOutcome?>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            var current = await tasks.GetAsync(ownerId, id, cancellationToken);
            if (current is null)
            {
                // RFC 9110 section 13.1.1: If-Match names a current representation, and a gone task has none.
                return ifMatch.IsPresent ? WriteOutcome.PreconditionFailed : WriteOutcome.NotFound;
            }
            if (!ifMatch.Allows(current.Version))
            {
                return WriteOutcome.PreconditionFailed;
            }
            if (await write(current) is { } outcome)
            {
                return outcome;
            }
        }
        return WriteOutcome.Conflict;
    }

    private bool TryBindAndValidate(JsonElement element, [NotNullWhen(true)] out TaskWriteRequest? body, out IDictionary<string, string[]> errors)
    {
        if (!JsonBody.TryBind(element, _json, out body, out var bindErrors))
        {
            errors = bindErrors;
            return false;
        }
        var result = validator.Validate(body);
        errors = result.ToDictionary();
        if (!result.IsValid)
        {
            body = null;
        }
        return result.IsValid;
    }

    /// <summary>Timestamps are kept to the millisecond.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private static TaskItem Apply(TaskWriteRequest body, TaskItem task) => task with
    {
        Title = body.Title!.Trim(),
        Description = body.Description,
        Status = body.Status ?? TaskStatuses.Todo,
        DueDate = body.DueDate,
    };

    private static TaskWriteRequest ToWriteRequest(TaskItem task) => new(task.Title, task.Description, task.Status, task.DueDate);
}
