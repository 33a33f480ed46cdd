using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Tasks.Api.Platform.Metrics;

namespace Tasks.Api.Persistence;

/// <summary>
/// The DynamoDB client with one <c>DynamoDbLatency</c> sample per call, taken at the top of the SDK's pipeline, so the
/// time covers marshalling, every retry and the wait between them: the call as its caller waited for it.
/// </summary>
internal sealed class MeteredDynamoDbClient : AmazonDynamoDBClient
{
    // The base constructor builds the pipeline, before a constructor body runs; a field initializer runs before it.
    private readonly LatencyHandler _latency = new();

    public MeteredDynamoDbClient(AmazonDynamoDBConfig config, IMetricsRecorder metrics)
        : base(config) => _latency.Metrics = metrics;

    public MeteredDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config, IMetricsRecorder metrics)
        : base(credentials, config) => _latency.Metrics = metrics;

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        // AddHandler puts it outermost, above the retry handler.
        pipeline.AddHandler(_latency);
    }

    private sealed class LatencyHandler : PipelineHandler
    {
        public IMetricsRecorder? Metrics { get; set; }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await base.InvokeAsync<T>(executionContext);
            }
            finally
            {
                Metrics?.Record("DynamoDbLatency", "Milliseconds", Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2));
            }
        }
    }
}
