namespace Tasks.Api.Tasks;

/// <summary>How a write ended, as <see cref="TaskService"/> decides it; the endpoints turn each into an answer.</summary>
internal enum WriteStatus
{
    Written,
    Replayed,
    Invalid,
    NotFound,
    PreconditionFailed,
    Conflict,
    KeyReused,
}
