namespace Tasks.Api.Platform.Metrics;

/// <summary>Adds a sample to the current request's metrics line; code below the endpoints (a storage client) records through it.</summary>
internal interface IMetricsRecorder
{
    void Record(string name, string unit, double value);
}
