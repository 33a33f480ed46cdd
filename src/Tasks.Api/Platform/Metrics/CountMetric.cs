namespace Tasks.Api.Platform.Metrics;

/// <summary>
/// Endpoint metadata: a request to this endpoint answered <paramref name="StatusCode"/> counts one <paramref name="Name"/>,
/// unless the answer carries <paramref name="UnlessHeader"/>.
/// </summary>
internal sealed record CountMetric(string Name, int StatusCode, string? UnlessHeader = null);
