namespace Tasks.Api.Platform.Metrics;

/// <summary>Records into the <see cref="RequestMetrics"/> of the request being served; outside a metered request, nothing.</summary>
internal sealed class HttpContextMetricsRecorder(IHttpContextAccessor accessor) : IMetricsRecorder
{
    public void Record(string name, string unit, double value) =>
        accessor.HttpContext?.Features.Get<RequestMetrics>()?.Add(name, unit, value);
}
