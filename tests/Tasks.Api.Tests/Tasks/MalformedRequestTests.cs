using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

/// <summary>
/// Every malformed request gets the right 4xx as application/problem+json, and changes nothing:
/// a sentinel task reads the same before and after each one.
/// </summary>
public sealed class MalformedRequestTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    internal const string Id = "{id}";
    internal const string Missing = "{missing}";
    private const string Json = "application/json";
    private const string MergePatch = "application/merge-patch+json";

    internal sealed record Case(string Method, string Path, string? ContentType, byte[]? Body, HttpStatusCode Status);

    private static Case C(string method, string path, string? contentType, string? body, HttpStatusCode status) =>
        new(method, path, contentType, body is null ? null : Encoding.UTF8.GetBytes(body), status);

    private static readonly HttpStatusCode Bad = HttpStatusCode.BadRequest;

    internal static readonly Dictionary<string, Case> Cases = new()
    {
        ["post truncated JSON"] = C("POST", "/tasks", Json, "{", Bad),
        ["post empty body"] = C("POST", "/tasks", Json, "", Bad),
        ["post array"] = C("POST", "/tasks", Json, "[]", Bad),
        ["post string"] = C("POST", "/tasks", Json, "\"title\"", Bad),
        ["post null"] = C("POST", "/tasks", Json, "null", Bad),
        ["post trailing garbage"] = C("POST", "/tasks", Json, """{"title":"ok"}x""", Bad),
        ["post single quotes"] = C("POST", "/tasks", Json, "{'title':'ok'}", Bad),
        ["post comment"] = C("POST", "/tasks", Json, """{"title":"ok" /* hi */}""", Bad),
        ["post title number"] = C("POST", "/tasks", Json, """{"title":5}""", Bad),
        ["post title array"] = C("POST", "/tasks", Json, """{"title":["a"]}""", Bad),
        ["post title object"] = C("POST", "/tasks", Json, """{"title":{"a":1}}""", Bad),
        ["post title boolean"] = C("POST", "/tasks", Json, """{"title":true}""", Bad),
        ["post title missing"] = C("POST", "/tasks", Json, """{"status":"todo"}""", Bad),
        ["post title empty"] = C("POST", "/tasks", Json, """{"title":""}""", Bad),
        ["post title blank"] = C("POST", "/tasks", Json, """{"title":"   "}""", Bad),
        ["post title null"] = C("POST", "/tasks", Json, """{"title":null}""", Bad),
        ["post title 201 chars"] = C("POST", "/tasks", Json, $$"""{"title":"{{new string('t', 201)}}"}""", Bad),
        ["post title NUL"] = C("POST", "/tasks", Json, """{"title":"a\u0000b"}""", Bad),
        ["post title newline"] = C("POST", "/tasks", Json, """{"title":"a\nb"}""", Bad),
        ["post title lone surrogate"] = C("POST", "/tasks", Json, """{"title":"\ud800"}""", Bad),
        ["post description 4001 chars"] = C("POST", "/tasks", Json, $$"""{"title":"ok","description":"{{new string('d', 4001)}}"}""", Bad),
        ["post description number"] = C("POST", "/tasks", Json, """{"title":"ok","description":1}""", Bad),
        ["post status unknown"] = C("POST", "/tasks", Json, """{"title":"ok","status":"finished"}""", Bad),
        ["post status wrong case"] = C("POST", "/tasks", Json, """{"title":"ok","status":"DONE"}""", Bad),
        ["post status number"] = C("POST", "/tasks", Json, """{"title":"ok","status":1}""", Bad),
        ["post dueDate month 13"] = C("POST", "/tasks", Json, """{"title":"ok","dueDate":"2026-13-01"}""", Bad),
        ["post dueDate words"] = C("POST", "/tasks", Json, """{"title":"ok","dueDate":"tomorrow"}""", Bad),
        ["post dueDate number"] = C("POST", "/tasks", Json, """{"title":"ok","dueDate":20261201}""", Bad),
        ["post dueDate with time"] = C("POST", "/tasks", Json, """{"title":"ok","dueDate":"2026-12-01T10:00:00Z"}""", Bad),
        ["post unknown field"] = C("POST", "/tasks", Json, """{"title":"ok","extra":true}""", Bad),
        ["post id field"] = C("POST", "/tasks", Json, """{"title":"ok","id":"0190a0a0-0000-7000-8000-000000000000"}""", Bad),
        ["post version field"] = C("POST", "/tasks", Json, """{"title":"ok","version":3}""", Bad),
        ["post duplicate field"] = C("POST", "/tasks", Json, """{"title":"ok","title":"again"}""", Bad),
        ["post nested 100 deep"] = C("POST", "/tasks", Json, $$"""{"title":{{new string('[', 100)}}{{new string(']', 100)}}}""", Bad),
        ["post invalid UTF-8"] = new("POST", "/tasks", Json, [.. "{\"title\":\""u8, 0xC3, 0x28, .. "\"}"u8], Bad),
        ["post text/plain"] = C("POST", "/tasks", "text/plain", """{"title":"ok"}""", HttpStatusCode.UnsupportedMediaType),
        ["post no content type"] = C("POST", "/tasks", null, """{"title":"ok"}""", HttpStatusCode.UnsupportedMediaType),
        ["post xml"] = C("POST", "/tasks", "application/xml", "<title>ok</title>", HttpStatusCode.UnsupportedMediaType),
        ["post form"] = C("POST", "/tasks", "application/x-www-form-urlencoded", "title=ok", HttpStatusCode.UnsupportedMediaType),
        ["post latin1 charset"] = C("POST", "/tasks", "application/json; charset=iso-8859-1", """{"title":"ok"}""", HttpStatusCode.UnsupportedMediaType),
        ["post 70 KiB"] = C("POST", "/tasks", Json, $$"""{"title":"ok","description":"{{new string('d', 70 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ["put empty object"] = C("PUT", $"/tasks/{Id}", Json, "{}", Bad),
        ["put title null"] = C("PUT", $"/tasks/{Id}", Json, """{"title":null}""", Bad),
        ["put status only"] = C("PUT", $"/tasks/{Id}", Json, """{"status":"done"}""", Bad),
        ["put malformed JSON"] = C("PUT", $"/tasks/{Id}", Json, """{"title":""", Bad),
        ["put text/plain"] = C("PUT", $"/tasks/{Id}", "text/plain", """{"title":"ok"}""", HttpStatusCode.UnsupportedMediaType),
        ["put bad id"] = C("PUT", "/tasks/not-a-uuid", Json, """{"title":"ok"}""", Bad),
        ["put 70 KiB"] = C("PUT", $"/tasks/{Id}", Json, $$"""{"title":"{{new string('t', 70 * 1024)}}"}""", HttpStatusCode.RequestEntityTooLarge),
        ["patch array"] = C("PATCH", $"/tasks/{Id}", MergePatch, "[1]", Bad),
        ["patch status unknown"] = C("PATCH", $"/tasks/{Id}", MergePatch, """{"status":"nope"}""", Bad),
        ["patch unknown field"] = C("PATCH", $"/tasks/{Id}", MergePatch, """{"unknown":1}""", Bad),
        ["patch title empty"] = C("PATCH", $"/tasks/{Id}", MergePatch, """{"title":""}""", Bad),
        ["patch version field"] = C("PATCH", $"/tasks/{Id}", MergePatch, """{"version":5}""", Bad),
        ["patch malformed JSON"] = C("PATCH", $"/tasks/{Id}", MergePatch, "{", Bad),
        ["patch text/plain"] = C("PATCH", $"/tasks/{Id}", "text/plain", """{"status":"done"}""", HttpStatusCode.UnsupportedMediaType),
        ["patch json-patch media type"] = C("PATCH", $"/tasks/{Id}", "application/json-patch+json", """[{"op":"remove","path":"/title"}]""", HttpStatusCode.UnsupportedMediaType),
        ["patch bad id"] = C("PATCH", "/tasks/123", MergePatch, """{"status":"done"}""", Bad),
        ["get bad id"] = C("GET", "/tasks/not-a-uuid", null, null, Bad),
        ["get id with braces"] = C("GET", "/tasks/{0190a0a0-0000-7000-8000-000000000000}", null, null, Bad),
        ["get id without hyphens"] = C("GET", "/tasks/0190a0a0000070008000000000000000", null, null, Bad),
        ["get path traversal id"] = C("GET", "/tasks/..%2F..%2Fetc%2Fpasswd", null, null, Bad),
        ["get limit zero"] = C("GET", "/tasks?limit=0", null, null, Bad),
        ["get limit 101"] = C("GET", "/tasks?limit=101", null, null, Bad),
        ["get limit negative"] = C("GET", "/tasks?limit=-1", null, null, Bad),
        ["get limit fraction"] = C("GET", "/tasks?limit=1.5", null, null, Bad),
        ["get limit words"] = C("GET", "/tasks?limit=abc", null, null, Bad),
        ["get limit huge"] = C("GET", "/tasks?limit=99999999999999999999", null, null, Bad),
        ["get status unknown"] = C("GET", "/tasks?status=finished", null, null, Bad),
        ["get cursor garbage"] = C("GET", "/tasks?cursor=garbage", null, null, Bad),
        ["get cursor not base64"] = C("GET", "/tasks?cursor=%00%FF", null, null, Bad),
        ["get cursor empty"] = C("GET", "/tasks?cursor=", null, null, Bad),
        ["get cursor 1000 chars"] = C("GET", $"/tasks?cursor={new string('A', 1000)}", null, null, Bad),
        ["delete bad id"] = C("DELETE", "/tasks/not-a-uuid", null, null, Bad),
        ["get missing task"] = C("GET", $"/tasks/{Missing}", null, null, HttpStatusCode.NotFound),
        ["delete missing task"] = C("DELETE", $"/tasks/{Missing}", null, null, HttpStatusCode.NotFound),
        ["get unknown route"] = C("GET", "/nope", null, null, HttpStatusCode.NotFound),
        ["delete collection"] = C("DELETE", "/tasks", null, null, HttpStatusCode.MethodNotAllowed),
        ["put collection"] = C("PUT", "/tasks", Json, """{"title":"ok"}""", HttpStatusCode.MethodNotAllowed),
        ["post to a task"] = C("POST", $"/tasks/{Id}", Json, """{"title":"ok"}""", HttpStatusCode.MethodNotAllowed),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [InlineData("""{"title":"x","\u0074itle":"y"}""")]
    [InlineData("""{"title":"x","title":"y"}""")]
    public async Task Post_DuplicateField_DetailNamesNoEmptyPosition(string body)
    {
        using var response = await app.CreateClient().PostAsync("/tasks", Requests.Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var detail = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("line ,", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("byte )", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Cases_AtLeastForty_AreDefined() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Request_Malformed_AnswersProblemAndChangesNothing(string name)
    {
        var (method, path, contentType, body, status) = Cases[name];
        var client = app.CreateClient();
        var sentinel = await client.CreateTaskAsync("sentinel", description: "unchanged");
        var id = sentinel.GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace(Id, id).Replace(Missing, Guid.CreateVersion7().ToString()));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(status);
        var after = await (await client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal(sentinel.GetRawText(), after.GetRawText());
    }
}
