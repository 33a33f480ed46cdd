namespace Tasks.Api.Tasks;

/// <summary>The one port between the /tasks feature and storage. Every call is scoped to one owner.</summary>
internal interface ITaskRepository
{
    Task<TaskItem?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> tasks after <paramref name="after"/>, oldest first.</summary>
    Task<TaskListPage> ListAsync(string ownerId, string? status, int limit, Guid? after, CancellationToken cancellationToken);

    /// <summary>Writes a new task; false if one with the same id already exists.</summary>
    Task<bool> CreateAsync(TaskItem task, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a new task and claims an idempotency key in one transaction, so neither can exist
    /// without the other. Returns null when both were written, or the live claim that holds the key.
    /// </summary>
    Task<IdempotencyClaim?> CreateOnceAsync(TaskItem task, IdempotencyClaim claim, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="task"/> only if the stored version still equals <paramref name="expectedVersion"/>.</summary>
    Task<bool> ReplaceAsync(TaskItem task, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the task only if it exists at <paramref name="expectedVersion"/>.</summary>
    Task<bool> DeleteAsync(string ownerId, Guid id, long expectedVersion, CancellationToken cancellationToken);
}
