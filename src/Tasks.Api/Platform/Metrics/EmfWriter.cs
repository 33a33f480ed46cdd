using System.Buffers;
using System.Text.Json;

namespace Tasks.Api.Platform.Metrics;

/// <summary>
/// Writes CloudWatch Embedded Metric Format: a JSON log line whose <c>_aws</c> block tells CloudWatch
/// which members are metrics, in which namespace, under which dimensions.
/// </summary>
internal sealed class EmfWriter(TextWriter output, string metricNamespace, string stage)
{
    public const string StageDimension = "Stage";

    private readonly Lock _gate = new();

    public void Write(
        DateTimeOffset timestamp,
        IReadOnlyList<(string Name, string Unit, IReadOnlyList<double> Values)> metrics,
        IReadOnlyList<(string Name, string Value)> properties)
    {
        if (metrics.Count == 0)
        {
            return;
        }
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(StageDimension);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(StageDimension, stage);
            foreach (var (name, value) in properties)
            {
                json.WriteString(name, value);
            }
            foreach (var (name, _, values) in metrics)
            {
                if (values.Count == 1)
                {
                    json.WriteNumber(name, values[0]);
                }
                else
                {
                    json.WriteStartArray(name);
                    foreach (var value in values)
                    {
                        json.WriteNumberValue(value);
                    }
                    json.WriteEndArray();
                }
            }
            json.WriteEndObject();
        }
        var line = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
