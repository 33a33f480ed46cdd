using System.Diagnostics;

namespace Tasks.Api.Observability;

/// <summary>
/// What one request did, gathered as it runs and written as one EMF line when it ends. Code deep in
/// the call (the repository) reaches the current request's instance through <see cref="Current"/>.
/// </summary>
internal sealed class RequestMetrics
{
    private static readonly AsyncLocal<RequestMetrics?> Ambient = new();
    private readonly List<double> _dynamoDbMilliseconds = [];

    public static RequestMetrics? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public IReadOnlyList<double> DynamoDbMilliseconds => _dynamoDbMilliseconds;

    /// <summary>Times a DynamoDB call into the current request's metrics; a no-op outside a request.</summary>
    public static async Task<T> TimeDynamoDbAsync<T>(Func<Task<T>> call)
    {
        var metrics = Current;
        if (metrics is null)
        {
            return await call();
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        finally
        {
            lock (metrics._dynamoDbMilliseconds)
            {
                metrics._dynamoDbMilliseconds.Add(Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2));
            }
        }
    }
}
