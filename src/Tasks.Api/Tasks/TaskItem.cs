namespace Tasks.Api.Tasks;

/// <summary>A stored task. <see cref="Version"/> starts at 1 and grows by one with every write.</summary>
internal sealed record TaskItem(
    string OwnerId,
    Guid Id,
    string Title,
    string? Description,
    string Status,
    DateOnly? DueDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

internal static class TaskStatuses
{
    public const string Todo = "todo";
    public const string InProgress = "in_progress";
    public const string Done = "done";

    public static readonly string[] All = [Todo, InProgress, Done];

    public static bool IsKnown(string? value) => value is Todo or InProgress or Done;
}
