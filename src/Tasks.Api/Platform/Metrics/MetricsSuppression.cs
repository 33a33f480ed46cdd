namespace Tasks.Api.Platform.Metrics;

/// <summary>
/// Requests sent inside <see cref="Begin"/> write no metrics line: synthetic traffic (the SnapStart warm-up) must not
/// count as real. It flows with the caller's async context into the requests it sends in-process.
/// </summary>
internal static class MetricsSuppression
{
    private static readonly AsyncLocal<bool> Suppressed = new();

    public static bool IsActive => Suppressed.Value;

    public static IDisposable Begin()
    {
        Suppressed.Value = true;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Suppressed.Value = false;
    }
}
