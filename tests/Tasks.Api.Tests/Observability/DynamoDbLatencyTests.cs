using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Observability;

/// <summary>The latency comes from the DynamoDB client itself: a call that bypasses the repository is still one sample.</summary>
public sealed class DynamoDbLatencyTests(DynamoDbLatencyTests.RecordingApplication app) : IClassFixture<DynamoDbLatencyTests.RecordingApplication>
{
    [Fact]
    public async Task Client_EachCallAnsweredOrFailed_RecordsOneLatencySample()
    {
        var dynamoDb = app.Services.GetRequiredService<IAmazonDynamoDB>();
        var before = app.Recorder.Samples.Count;

        await dynamoDb.DescribeTableAsync(app.TableName);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => dynamoDb.DescribeTableAsync($"missing-{Guid.NewGuid():N}"));

        var samples = app.Recorder.Samples.Skip(before).ToList();
        Assert.Equal(2, samples.Count);
        Assert.All(samples, s =>
        {
            Assert.Equal(("DynamoDbLatency", "Milliseconds"), (s.Name, s.Unit));
            Assert.True(s.Value > 0);
        });
    }

    public sealed class RecordingApplication : TasksApplication
    {
        internal RecordingRecorder Recorder { get; } = new();

        protected override void Configure(IWebHostBuilder builder) =>
            builder.ConfigureTestServices(services => services.AddSingleton<IMetricsRecorder>(Recorder));
    }

    internal sealed class RecordingRecorder : IMetricsRecorder
    {
        public ConcurrentQueue<(string Name, string Unit, double Value)> Samples { get; } = new();

        public void Record(string name, string unit, double value) => Samples.Enqueue((name, unit, value));
    }
}
