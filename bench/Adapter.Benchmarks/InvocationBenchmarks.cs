using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Lambda.Hosting;
using Lambda.Hosting.HttpApiV2;
using Lambda.Hosting.RuntimeApi;

namespace Adapter.Benchmarks;

/// <summary>
/// One HTTP API v2 event (UTF-8 JSON, as read from /invocation/next) in, one response document (UTF-8 JSON,
/// as posted to /response) out, through the real <c>InvocationProcessor</c> and the app's whole pipeline.
/// No Runtime API round trip and no DynamoDB call: what is left is the adapter plus the app.
/// </summary>
[MemoryDiagnoser]
public class InvocationBenchmarks
{
    private InProcessApp? _trivial;
    private InProcessApp? _tasks;
    private LambdaInvocation _ping = null!;
    private LambdaInvocation _health = null!;
    private LambdaInvocation _getTask = null!;
    private LambdaInvocation _listPage = null!;
    private HttpApiV2Response _listPageDocument = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _trivial = await InProcessApp.StartTrivialAsync();
        _tasks = await InProcessApp.StartTasksApiAsync();
        _ping = Invocation(V2Events.Get("/ping"));
        _health = Invocation(V2Events.Get("/health"));
        _getTask = Invocation(V2Events.Get($"/tasks/{CannedDynamoDb.TaskId}"));
        _listPage = Invocation(V2Events.Get("/tasks", $"limit={CannedDynamoDb.ListPageSize}"));
        // Fail fast on a wrong setup instead of timing an error path.
        await _trivial.ExpectAsync(_ping, 200);
        await _tasks.ExpectAsync(_health, 200);
        await _tasks.ExpectAsync(_getTask, 200);
        var (payload, body) = await _tasks.ExpectAsync(_listPage, 200);
        _listPageDocument = new HttpApiV2Response
        {
            StatusCode = 200,
            Headers = new() { ["Content-Type"] = "application/json; charset=utf-8" },
            Body = body,
        };
        // Not a timing, so not a column: the bytes posted to /response against the body the app wrote.
        Console.WriteLine($"// ListPage payload: {payload} bytes for a {Encoding.UTF8.GetByteCount(body)}-byte body; "
            + $"default encoder {JsonSerializer.SerializeToUtf8Bytes(_listPageDocument, LambdaJsonContext.Default.HttpApiV2Response).Length} bytes, "
            + $"relaxed {JsonSerializer.SerializeToUtf8Bytes(_listPageDocument, LambdaJsonContext.Relaxed.HttpApiV2Response).Length} bytes");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _trivial!.DisposeAsync();
        await _tasks!.DisposeAsync();
    }

    /// <summary>A minimal-API endpoint returning a constant: the adapter's own cost.</summary>
    [Benchmark(Baseline = true)]
    public Task TrivialPing() => _trivial!.InvokeAsync(_ping);

    /// <summary>Tasks.Api's /health with every middleware (security headers, problem details, auth) and a canned DescribeTable.</summary>
    [Benchmark]
    public Task TasksHealth() => _tasks!.InvokeAsync(_health);

    /// <summary>GET /tasks/{id}: route, owner, repository and mapper, ETag, JSON; GetItem answered in-process.</summary>
    [Benchmark]
    public Task TasksGetById() => _tasks!.InvokeAsync(_getTask);

    /// <summary>GET /tasks?limit=100: a full page of 100 tasks with accented and HTML-sensitive text, serialized into the response document.</summary>
    [Benchmark]
    public Task TasksListPage() => _tasks!.InvokeAsync(_listPage);

    /// <summary>Only the list page's response document, as the default (HTML-safe) encoder writes it: the escaping before the change, on the same machine in the same run.</summary>
    [Benchmark]
    public byte[] ListPageDocumentDefaultEncoder() => JsonSerializer.SerializeToUtf8Bytes(_listPageDocument, LambdaJsonContext.Default.HttpApiV2Response);

    /// <summary>The same document with the relaxed encoder the adapter now uses.</summary>
    [Benchmark]
    public byte[] ListPageDocumentRelaxedEncoder() => JsonSerializer.SerializeToUtf8Bytes(_listPageDocument, LambdaJsonContext.Relaxed.HttpApiV2Response);

    /// <summary>Only the event's deserialization, the first step of every invocation: the adapter's share of <see cref="TrivialPing"/> that is JSON.</summary>
    [Benchmark]
    public object? ParseEventOnly() => JsonSerializer.Deserialize(_ping.Event, LambdaJsonContext.Default.HttpApiV2Request);

    private static LambdaInvocation Invocation(byte[] evt) => new(
        "8f5b6a2e-0000-4000-8000-000000000001",
        DateTimeOffset.UtcNow.AddDays(1),
        "arn:aws:lambda:us-east-1:123456789012:function:bench",
        "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
        null,
        evt);
}
