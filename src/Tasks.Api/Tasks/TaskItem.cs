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
