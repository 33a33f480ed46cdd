namespace Tasks.Api.Platform.Metrics;

/// <summary>What one request measured, kept on its <c>HttpContext.Features</c> and written as one EMF line when it ends.</summary>
internal sealed class RequestMetrics
{
    private readonly Dictionary<(string Name, string Unit), List<double>> _samples = [];

    public void Add(string name, string unit, double value)
    {
        lock (_samples)
        {
            if (!_samples.TryGetValue((name, unit), out var values))
            {
                _samples[(name, unit)] = values = [];
            }
            values.Add(value);
        }
    }

    public IEnumerable<(string Name, string Unit, IReadOnlyList<double> Values)> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples.Select(s => (s.Key.Name, s.Key.Unit, (IReadOnlyList<double>)[.. s.Value]))];
            }
        }
    }
}
