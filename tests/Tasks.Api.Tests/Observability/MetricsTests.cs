using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Observability;

public sealed class EmfWriterTests
{
    [Fact]
    public void Write_CountAndLatencies_ProducesOneEmfLineCloudWatchCanRead()
    {
        var output = new StringWriter();
        var writer = new EmfWriter(output, "Tasks", "prod");

        writer.Write(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000),
            [("TasksCreated", "Count", [1]), ("DynamoDbLatency", "Milliseconds", [3.5, 4.25])],
            [("RequestId", "r-1")]);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var root = JsonDocument.Parse(line).RootElement;
        var aws = root.GetProperty("_aws");
        Assert.Equal(1_764_000_000_000, aws.GetProperty("Timestamp").GetInt64());
        var directive = Assert.Single(aws.GetProperty("CloudWatchMetrics").EnumerateArray());
        Assert.Equal("Tasks", directive.GetProperty("Namespace").GetString());
        Assert.Equal("Stage", directive.GetProperty("Dimensions")[0][0].GetString());
        Assert.Equal(["TasksCreated", "DynamoDbLatency"], directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()!));
        Assert.Equal("Milliseconds", directive.GetProperty("Metrics")[1].GetProperty("Unit").GetString());
        Assert.Equal("prod", root.GetProperty("Stage").GetString());
        Assert.Equal(1, root.GetProperty("TasksCreated").GetDouble());
        Assert.Equal([3.5, 4.25], root.GetProperty("DynamoDbLatency").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("r-1", root.GetProperty("RequestId").GetString());
    }

    [Fact]
    public void Write_NoMetrics_WritesNothing()
    {
        var output = new StringWriter();

        new EmfWriter(output, "Tasks", "dev").Write(DateTimeOffset.UtcNow, [], [("RequestId", "r")]);

        Assert.Equal("", output.ToString());
    }
}

public sealed class MetricsTests(MetricsTests.MeteredApplication app) : IClassFixture<MetricsTests.MeteredApplication>
{
    [Fact]
    public async Task Requests_WhatOperatorsWatch_AreCountedWithStageAndDynamoDbLatency()
    {
        var client = app.CreateClient();
        string? id = null;
        for (var i = 0; i < 2; i++)
        {
            // The second is a replay of the first: it creates nothing and must not count as created.
            using var create = new HttpRequestMessage(HttpMethod.Post, "/tasks") { Content = Requests.Json("""{"title":"metered"}""") };
            create.Headers.Add("Idempotency-Key", "metered-once");
            id = (await (await client.SendAsync(create)).ReadJsonAsync()).GetProperty("id").GetString();
        }
        await client.PostAsync("/tasks", Requests.Json("""{"title":""}"""));
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}") { Content = Requests.Json("""{"title":"x"}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"9\""));
        await client.SendAsync(stale);
        await client.PutAsync($"/tasks/{id}", Requests.Json("""{"title":"y"}"""));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/tasks/{id}")).StatusCode);

        var lines = app.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(lines, l => Assert.Equal("test-stage", l.GetProperty("Stage").GetString()));
        foreach (var metric in new[] { "TasksCreated", "ValidationFailures", "Conflicts", "TasksUpdated", "TasksDeleted" })
        {
            Assert.Single(lines, l => l.TryGetProperty(metric, out var v) && v.GetDouble() == 1);
        }
        Assert.Contains(lines, l => l.TryGetProperty("DynamoDbLatency", out _));
    }

    public sealed class MeteredApplication : TasksApplication
    {
        public StringWriter Output { get; } = new();

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Metrics:Enabled", "true");
            builder.UseSetting("Stage", "test-stage");
            builder.ConfigureTestServices(services =>
                services.AddSingleton(new EmfWriter(TextWriter.Synchronized(Output), "Tasks", "test-stage")));
        }
    }
}
