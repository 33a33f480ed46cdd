namespace Tasks.Api.Tasks;

internal sealed class TasksOptions
{
    public const string Section = "Tasks";

    /// <summary>How long an Idempotency-Key is remembered after the create that claimed it.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
}
