namespace Tasks.Api.Platform.Metrics;

internal static class EndpointMetricsExtensions
{
    /// <summary>Declares the count this endpoint adds when it answers <paramref name="statusCode"/>.</summary>
    public static RouteHandlerBuilder Counts(this RouteHandlerBuilder endpoint, string metric, int statusCode, string? unlessHeader = null) =>
        endpoint.WithMetadata(new CountMetric(metric, statusCode, unlessHeader));
}
