namespace Tasks.Api.Tasks;

internal static class TaskStatuses
{
    public const string Todo = "todo";
    public const string InProgress = "in_progress";
    public const string Done = "done";

    public static readonly string[] All = [Todo, InProgress, Done];

    public static bool IsKnown(string? value) => value is Todo or InProgress or Done;
}
