namespace Tasks.Api.Persistence;

/// <summary>A write that kept colliding with concurrent writes to the same item: retry later.</summary>
internal sealed class ContendedWriteException(string message) : Exception(message);
