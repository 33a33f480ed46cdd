namespace Tasks.Api.Tasks;

/// <summary>A write's result: the task as written (or replayed), or why nothing was written.</summary>
internal sealed record WriteOutcome(WriteStatus Status, TaskResponse? Task = null, IDictionary<string, string[]>? Errors = null)
{
    public static WriteOutcome Written(TaskResponse task) => new(WriteStatus.Written, task);

    public static WriteOutcome Replayed(TaskResponse task) => new(WriteStatus.Replayed, task);

    public static WriteOutcome Invalid(IDictionary<string, string[]> errors) => new(WriteStatus.Invalid, Errors: errors);

    public static readonly WriteOutcome NotFound = new(WriteStatus.NotFound);
    public static readonly WriteOutcome PreconditionFailed = new(WriteStatus.PreconditionFailed);
    public static readonly WriteOutcome Conflict = new(WriteStatus.Conflict);
    public static readonly WriteOutcome KeyReused = new(WriteStatus.KeyReused);
}
