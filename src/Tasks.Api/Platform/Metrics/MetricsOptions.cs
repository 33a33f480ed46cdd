namespace Tasks.Api.Platform.Metrics;

internal sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Writes one CloudWatch Embedded Metric Format line per request to stdout.</summary>
    public bool Enabled { get; set; } = true;

    public string Namespace { get; set; } = "Tasks";
}
