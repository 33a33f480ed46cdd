using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tasks.Api.Tests.Infrastructure;
using Tasks.Api.Tests.Security;

namespace Tasks.Api.Tests.Lambda;

/// <summary>
/// One script of requests, run against the app on real Kestrel (a loopback port) and against the
/// built app in Lambda mode behind the Runtime API: the same statuses, headers and bodies, once ids,
/// times and request ids are masked.
/// </summary>
public sealed partial class LambdaParityTests(KestrelTasksApplication kestrel, LambdaFunction lambda)
    : IClassFixture<KestrelTasksApplication>, IClassFixture<LambdaFunction>
{
    private sealed record Step(string Method, string Path, string? ContentType = null, string? Body = null, params string[] Headers);

    private static readonly Step[] Script =
    [
        new("POST", "/tasks", "application/json", """{"title":"first","dueDate":"2026-12-01"}"""),
        new("POST", "/tasks", "application/json", """{"title":"second","status":"done","description":"two"}"""),
        new("POST", "/tasks", "application/json", """{"title":"third"}"""),
        new("GET", "/tasks?limit=2"),
        new("GET", "/tasks?limit=2&cursor={cursor}"),
        new("GET", "/tasks?status=done"),
        new("GET", "/tasks/{id0}"),
        new("GET", "/tasks/{id0}", null, null, "If-None-Match: \"1\""),
        new("PUT", "/tasks/{id0}", "application/json", """{"title":"first, edited","status":"in_progress"}""", "If-Match: \"1\""),
        new("PUT", "/tasks/{id0}", "application/json", """{"title":"lost update"}""", "If-Match: \"1\""),
        new("PATCH", "/tasks/{id1}", "application/merge-patch+json", """{"description":null,"dueDate":"2027-01-01"}"""),
        new("DELETE", "/tasks/{id2}", null, null, "If-Match: \"1\""),
        new("GET", "/tasks/{id2}"),
        new("POST", "/tasks", "application/json", """{"title":5}"""),
        new("POST", "/tasks", "application/json", """{"title":""}"""),
        new("POST", "/tasks", "text/plain", "title"),
        new("POST", "/tasks", "application/json", """{"title":"ok","unknown":1}"""),
        new("GET", "/tasks/not-an-id"),
        new("GET", "/tasks?limit=0"),
        new("GET", "/tasks?cursor=bogus"),
        new("DELETE", "/tasks"),
        new("GET", "/nowhere"),
        new("POST", "/tasks", "application/json", """{"title":"once"}""", "Idempotency-Key: parity-1"),
        new("POST", "/tasks", "application/json", """{"title":"once"}""", "Idempotency-Key: parity-1"),
        new("POST", "/tasks", "application/json", """{"title":"twice"}""", "Idempotency-Key: parity-1"),
        new("GET", "/tasks?limit=100"),
        new("GET", "/health"),
    ];

    [Fact]
    public async Task Script_KestrelAndLambda_GiveIdenticalAnswers()
    {
        // The fixture's table is this class's alone, so both runs start from an empty list.
        var onKestrel = await RunAsync(kestrel.CreateClient());
        var onLambda = await RunAsync(lambda.Client);

        Assert.Equal(Script.Length, onLambda.Count);
        for (var i = 0; i < Script.Length; i++)
        {
            Assert.True(onKestrel[i] == onLambda[i], $"step {i} ({Script[i].Method} {Script[i].Path}) differs:\nKestrel: {onKestrel[i]}\nLambda:  {onLambda[i]}");
        }
    }

    private static async Task<List<string>> RunAsync(HttpClient client)
    {
        var ids = new List<string>();
        var cursor = "";
        var answers = new List<string>();
        foreach (var step in Script)
        {
            var path = step.Path.Replace("{cursor}", Uri.EscapeDataString(cursor));
            for (var i = 0; i < ids.Count; i++)
            {
                path = path.Replace($"{{id{i}}}", ids[i]);
            }
            using var request = new HttpRequestMessage(new HttpMethod(step.Method), path);
            if (step.Body is not null)
            {
                request.Content = new StringContent(step.Body, Encoding.UTF8);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(step.ContentType!);
            }
            foreach (var header in step.Headers)
            {
                var colon = header.IndexOf(':');
                request.Headers.TryAddWithoutValidation(header[..colon], header[(colon + 1)..].Trim());
            }

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.Content.Headers.ContentType?.MediaType == "application/json" && body.Length > 0)
            {
                var json = JsonDocument.Parse(body).RootElement;
                if (step.Method == "POST" && json.TryGetProperty("id", out var id) && !ids.Contains(id.GetString()!))
                {
                    ids.Add(id.GetString()!);
                }
                if (json.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String)
                {
                    cursor = next.GetString()!;
                }
            }
            answers.Add(Mask($"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} " +
                // HEAD aside: a build run (Kestrel here) has MapStaticAssets' catch-all GET/HEAD route, a published package
                // (TASKS_LAMBDA_PACKAGE) has not, so only a build adds HEAD to Allow.
                $"etag={response.Headers.ETag} location={response.Headers.Location} allow={string.Join(",", response.Content.Headers.Allow.Where(m => m != "HEAD"))} " +
                $"retry-after={response.Headers.RetryAfter} cache={response.Headers.CacheControl} {body}"));
        }
        return answers;
    }

    private static string Mask(string text) =>
        Uuid().Replace(Timestamp().Replace(RequestIds().Replace(Cursor().Replace(text, "\"nextCursor\":\"<cursor>\""), "\"$1\":\"<rid>\""), "<time>"), "<id>");

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex("\"(requestId|traceId)\":\"[^\"]*\"")]
    private static partial Regex RequestIds();

    [GeneratedRegex("\"nextCursor\":\"[^\"]*\"")]
    private static partial Regex Cursor();
}
