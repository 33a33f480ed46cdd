namespace Tasks.Api.Tasks;

/// <summary>The editable fields of a task: the body of POST and PUT, and what PATCH merges into.</summary>
public sealed record TaskWriteRequest(string? Title, string? Description, string? Status, DateOnly? DueDate);

public sealed record TaskResponse(
    string Id,
    string Title,
    string? Description,
    string Status,
    DateOnly? DueDate,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    long Version)
{
    internal static TaskResponse From(TaskItem task) => new(
        TaskIds.Format(task.Id), task.Title, task.Description, task.Status, task.DueDate,
        task.CreatedAt.UtcDateTime, task.UpdatedAt.UtcDateTime, task.Version);
}

public sealed record TaskPage(IReadOnlyList<TaskResponse> Items, string? NextCursor);
