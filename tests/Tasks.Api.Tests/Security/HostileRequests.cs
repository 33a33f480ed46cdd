using System.Net;
using System.Text;
using Tasks.Api.Tests.Tasks;

namespace Tasks.Api.Tests.Security;

/// <summary>
/// One hostile or malformed request and what it must get: one of <see cref="Statuses"/> with a
/// problem+json body, or, where <see cref="Statuses"/> is empty, a 2xx because the input is valid.
/// <c>{id}</c> in the path stands for an existing task, <c>{missing}</c> for a well-formed unknown id.
/// </summary>
public sealed record HostileCase(string Name, string Method, string Path, string? ContentType, byte[]? Body, int[] Statuses,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public bool IsValidInput => Statuses.Length == 0;

    /// <summary>
    /// A NUL in the request target is refused by Kestrel's HTTP parser itself (an empty 400) before
    /// the app sees it; through the Lambda path the app answers. Either is safe. So are headers over
    /// Kestrel's limits (32 KiB in all, 100 of them), which it answers 431 with no body.
    /// </summary>
    public bool ServerMayRefuse => Path.Contains("%00", StringComparison.Ordinal) || ExceedsHeaderLimits;

    /// <summary>HttpClient sends a known method name upper-cased whatever it is given; these go over a raw socket.</summary>
    public bool NeedsRawHttp => Method != Method.ToUpperInvariant();

    public bool ExceedsHeaderLimits => Headers.Count > 100 || Headers.Sum(h => h.Key.Length + h.Value.Length) > 32 * 1024;

    public override string ToString() => Name;
}

/// <summary>The catalogue: run by HostileSuiteTests on Kestrel and by the Lambda suite through the Runtime API.</summary>
public static class HostileRequests
{
    public const string Id = MalformedRequestTests.Id;
    public const string Missing = MalformedRequestTests.Missing;
    private const string Json = "application/json";
    private const string MergePatch = "application/merge-patch+json";
    private static readonly int[] Valid = [];

    public static IReadOnlyList<HostileCase> All { get; } = Build();

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    /// <summary>
    /// The cases for the Lambda path: not those over Kestrel's header limits, which the emulator's front door (a
    /// Kestrel too) would answer itself, as API Gateway's own limits would in AWS, so they would never reach the function.
    /// </summary>
    public static TheoryData<string> LambdaNames => [.. All.Where(c => !c.ExceedsHeaderLimits).Select(c => c.Name)];

    public static HostileCase Get(string name) => All.Single(c => c.Name == name);

    private static HostileCase Case(string name, string method, string path, string? contentType, string? body, int[] statuses, params (string, string)[] headers) =>
        new(name, method, path, contentType, body is null ? null : Encoding.UTF8.GetBytes(body), statuses,
            [.. headers.Select(h => KeyValuePair.Create(h.Item1, h.Item2))]);

    private static HostileCase Bytes(string name, string method, string path, string contentType, byte[] body, int[] statuses) =>
        new(name, method, path, contentType, body, statuses, []);

    private static int[] S(params int[] statuses) => statuses;

    private static List<HostileCase> Build()
    {
        var cases = new List<HostileCase>();

        // The malformed-request table, again, on the real servers.
        cases.AddRange(MalformedRequestTests.Cases.Select(c =>
            new HostileCase($"malformed: {c.Key}", c.Value.Method, c.Value.Path, c.Value.ContentType, c.Value.Body, [(int)c.Value.Status], [])));

        // Broken JSON: every proper prefix of a valid body.
        const string whole = """{"title":"ok","status":"done"}""";
        for (var length = 0; length < whole.Length; length++)
        {
            cases.Add(Case($"truncated JSON at {length}", "POST", "/tasks", Json, whole[..length], S(400)));
        }

        // Control characters: never in a title; in a description only tab, CR and LF.
        for (var c = 1; c < 0x20; c++)
        {
            var escaped = $"\\u{c:x4}";
            cases.Add(Case($"title control U+{c:X4}", "POST", "/tasks", Json, $$"""{"title":"a{{escaped}}b"}""", S(400)));
            cases.Add(Case($"description control U+{c:X4}", "POST", "/tasks", Json, $$"""{"title":"ok","description":"a{{escaped}}b"}""",
                c is '\t' or '\r' or '\n' ? Valid : S(400)));
        }
        cases.Add(Case("title DEL", "POST", "/tasks", Json, """{"title":"a\u007fb"}""", S(400)));
        cases.Add(Case("title C1 control", "POST", "/tasks", Json, """{"title":"a\u0085b"}""", S(400)));

        // Invalid UTF-8 inside a string.
        foreach (var (label, bad) in new (string, byte[])[]
        {
            ("overlong NUL", [0xC0, 0x80]), ("encoded surrogate", [0xED, 0xA0, 0x80]), ("byte FF", [0xFF]),
            ("lone continuation", [0x80]), ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("truncated sequence", [0xE2, 0x82]),
        })
        {
            cases.Add(Bytes($"invalid UTF-8 {label}", "POST", "/tasks", Json, [.. "{\"title\":\"a"u8, .. bad, .. "\"}"u8], S(400)));
        }

        // Unicode that is valid and must round-trip.
        foreach (var (label, title) in new[]
        {
            ("emoji", "📝 write"), ("right-to-left", "مرحبا بالعالم"), ("combining marks", "e\u0301te\u0301"),
            ("ZWJ sequence", "👨‍👩‍👧"), ("CJK", "買い物リスト"), ("noncharacter", "a\uFFFF"), ("zero-width space", "a\u200Bb"),
            ("100 emoji (200 UTF-16 units)", string.Concat(Enumerable.Repeat("😀", 100))),
        })
        {
            cases.Add(Case($"unicode {label}", "POST", "/tasks", Json, System.Text.Json.JsonSerializer.Serialize(new { title }), Valid));
        }
        cases.Add(Case("unicode 101 emoji (202 UTF-16 units)", "POST", "/tasks", Json,
            System.Text.Json.JsonSerializer.Serialize(new { title = string.Concat(Enumerable.Repeat("😀", 101)) }), S(400)));
        cases.Add(Case("lone low surrogate", "POST", "/tasks", Json, """{"title":"\udc00"}""", S(400)));
        foreach (var (label, body) in new[]
        {
            ("in description", """{"description":"\ud800"}"""), ("in title", """{"title":"a\udc00"}"""),
            ("in an unknown field", """{"zzz":"\ud800"}"""), ("in a field name", """{"\ud800":1}"""),
            ("nested", """{"description":{"x":["\udfff"]}}"""),
        })
        {
            cases.Add(Case($"PATCH lone surrogate {label}", "PATCH", $"/tasks/{Id}", MergePatch, body, S(400)));
        }
        cases.Add(Case("PUT lone surrogate in a field name", "PUT", $"/tasks/{Id}", Json, """{"title":"x","\ud800":1}""", S(400)));

        // A title needs at least one visible character.
        foreach (var (label, title) in new[]
        {
            ("zero-width space", "\u200b"), ("zero-width joiners", "\u200d\u200c\u2060"), ("BOM character", "\ufeff"),
            ("no-break spaces", "\u00a0\u2007\u202f"), ("ideographic space", "\u3000"), ("combining mark alone", "\u0301"),
            ("bidi controls", "\u202e\u2066"), ("Hangul filler", "\u3164"), ("tag characters", "\udb40\udc41"),
        })
        {
            cases.Add(Case($"invisible title {label}", "POST", "/tasks", Json, $$"""{"title":"{{title}}"}""", S(400)));
        }

        // Field names are matched exactly, as the contract spells them.
        cases.Add(Case("field name capitalised", "POST", "/tasks", Json, """{"Title":"x"}""", S(400)));
        cases.Add(Case("field name upper case", "PUT", $"/tasks/{Id}", Json, """{"TITLE":"x"}""", S(400)));
        cases.Add(Case("second field capitalised", "POST", "/tasks", Json, """{"title":"x","Status":"done"}""", S(400)));
        cases.Add(Case("duplicate field written with an escape", "POST", "/tasks", Json, """{"title":"x","\u0074itle":"y"}""", S(400)));
        cases.Add(Case("high surrogate then letter", "POST", "/tasks", Json, """{"title":"\ud800x"}""", S(400)));

        // DynamoDB expression syntax, injection strings: stored literally where they are valid text.
        foreach (var text in new[] { ":owner", "#status", "attribute_not_exists(taskId)", "\\\" OR 1=1 --", "'; DROP TABLE Tasks;--", "${jndi:ldap://x/a}", "<script>alert(1)</script>", "{{7*7}}" })
        {
            cases.Add(Case($"expression-like title {text}", "POST", "/tasks", Json, $$"""{"title":"{{text}}"}""", Valid));
        }
        foreach (var status in new[] { ":status", "todo OR 1=1", "#status", "todo\\u0000" })
        {
            cases.Add(Case($"expression-like status {status}", "POST", "/tasks", Json, $$"""{"title":"ok","status":"{{status}}"}""", S(400)));
        }
        cases.Add(Case("status query with expression", "GET", "/tasks?status=%3Astatus", null, null, S(400)));
        cases.Add(Case("status query with OR", "GET", "/tasks?status=todo%20OR%201%3D1", null, null, S(400)));
        cases.Add(Case("limit query with OR", "GET", "/tasks?limit=1%20OR%201", null, null, S(400)));
        cases.Add(Case("limit repeated", "GET", "/tasks?limit=1&limit=2", null, null, S(400)));

        // Ids: traversal, encoding tricks, near-misses.
        var uuid = "0190a0a0-0000-7000-8000-000000000000";
        foreach (var (label, path, statuses) in new (string, string, int[])[]
        {
            ("encoded traversal", "/tasks/..%2F..%2Fetc%2Fpasswd", S(400, 404)),
            // /tasks/%2e%2e alone is / (dot segments are resolved), which is now the page; back into /tasks it is an id again.
            ("encoded dot-dot", "/tasks/%2e%2e/tasks/x", S(400, 404)),
            ("double-encoded slash", "/tasks/a%252Fb", S(400)),
            ("encoded NUL", "/tasks/%00", S(400)),
            ("uuid then NUL", $"/tasks/{uuid}%00", S(400)),
            ("uuid then space", $"/tasks/{uuid}%20", S(400)),
            ("space then uuid", $"/tasks/%20{uuid}", S(400)),
            // 405 for DELETE where the app runs from a build rather than a publish: MapStaticAssets then adds a GET-only
            // catch-all route for files added after the build (a published package answers 404, see tools/lambda-package-smoke.sh).
            ("uuid with suffix segment", $"/tasks/{uuid}/extra", S(404, 405)),
            ("upper-case uuid", $"/tasks/{uuid.ToUpperInvariant()}", S(404)),
            ("5000-character id", $"/tasks/{new string('a', 5000)}", S(400)),
            ("non-ASCII id", "/tasks/%C3%BC", S(400)),
            ("SQL-like id", "/tasks/1%20OR%201%3D1", S(400)),
            ("DynamoDB key-like id", "/tasks/idempotency%23key", S(400)),
            ("empty segment", "/tasks//", S(404, 405)),
        })
        {
            cases.Add(Case($"id {label} (GET)", "GET", path, null, null, statuses));
            cases.Add(Case($"id {label} (DELETE)", "DELETE", path, null, null, statuses));
        }
        cases.Add(Case("id traversal (PUT)", "PUT", "/tasks/..%2F..%2Fetc%2Fpasswd", Json, """{"title":"x"}""", S(400, 404)));

        // Cursors.
        foreach (var (label, cursor) in new[]
        {
            ("one char", "A"), ("padding only", "===="), ("plain text", "next-page"),
            ("structure without checksum", Base64Url("c1||" + uuid)), ("wrong checksum", Base64Url($"c1||{uuid}|0000000000000000")),
            ("wrong version", Base64Url($"c9||{uuid}|0000000000000000")), ("long garbage", new string('Q', 256)),
            ("JSON", Base64Url("""{"ownerId":{"S":"someone-else"}}""")),
        })
        {
            cases.Add(Case($"cursor {label}", "GET", $"/tasks?cursor={Uri.EscapeDataString(cursor)}", null, null, S(400)));
        }

        // Header abuse.
        cases.Add(Case("If-Match garbage", "PUT", $"/tasks/{Id}", Json, """{"title":"x"}""", S(400), ("If-Match", "garbage")));
        cases.Add(Case("If-Match weak tag", "PUT", $"/tasks/{Id}", Json, """{"title":"x"}""", S(412), ("If-Match", "W/\"1\"")));
        cases.Add(Case("If-Match stale tag", "PATCH", $"/tasks/{Id}", MergePatch, """{"title":"x"}""", S(412), ("If-Match", "\"999\"")));
        cases.Add(Case("If-Match garbage on DELETE", "DELETE", $"/tasks/{Id}", null, null, S(400), ("If-Match", "abc, def")));
        cases.Add(Case("If-Match star", "PUT", $"/tasks/{Id}", Json, """{"title":"star"}""", Valid, ("If-Match", "*")));
        cases.Add(Case("If-None-Match garbage", "GET", $"/tasks/{Id}", null, null, Valid, ("If-None-Match", "garbage")));
        cases.Add(Case("Idempotency-Key 300 chars", "POST", "/tasks", Json, """{"title":"x"}""", S(400), ("Idempotency-Key", new string('k', 300))));
        cases.Add(Case("method override header", "GET", "/tasks", null, null, Valid, ("X-HTTP-Method-Override", "DELETE")));
        cases.Add(Case("Accept XML", "GET", "/tasks", null, null, Valid, ("Accept", "application/xml")));
        cases.Add(Case("Content-Type upper case", "POST", "/tasks", "APPLICATION/JSON", """{"title":"x"}""", Valid));
        cases.Add(Case("charset utf-16", "POST", "/tasks", "application/json; charset=utf-16", """{"title":"x"}""", S(415)));
        cases.Add(Case("charset quoted", "POST", "/tasks", "application/json; charset=\"utf-8\"", """{"title":"x"}""", Valid));
        cases.Add(Case("charset quoted upper case", "PUT", $"/tasks/{Id}", "application/json; charset=\"UTF-8\"", """{"title":"quoted"}""", Valid));
        cases.Add(Case("charset quoted on merge patch", "PATCH", $"/tasks/{Id}", "application/merge-patch+json; charset=\"utf-8\"", """{"title":"quoted"}""", Valid));
        cases.Add(Case("charset quoted latin1", "POST", "/tasks", "application/json; charset=\"iso-8859-1\"", """{"title":"x"}""", S(415)));
        cases.Add(Bytes("body with a UTF-8 byte order mark", "POST", "/tasks", Json, [0xEF, 0xBB, 0xBF, .. """{"title":"bom"}"""u8], Valid));
        cases.Add(Bytes("merge patch with a byte order mark", "PATCH", $"/tasks/{Id}", MergePatch, [0xEF, 0xBB, 0xBF, .. """{"title":"bom"}"""u8], Valid));
        cases.Add(Bytes("two byte order marks", "POST", "/tasks", Json, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. """{"title":"bom"}"""u8], S(400)));
        cases.Add(Case("media type suffix", "POST", "/tasks", "application/jsonx", """{"title":"x"}""", S(415)));
        cases.Add(Case("case-folded duplicate field", "POST", "/tasks", Json, """{"title":"a","Title":"b"}""", S(400)));
        cases.Add(Case("PATCH duplicate field", "PATCH", $"/tasks/{Id}", MergePatch, """{"title":"x","title":"y"}""", S(400)));
        cases.Add(Case("PATCH duplicate unknown field", "PATCH", $"/tasks/{Id}", MergePatch, """{"a":1,"a":2}""", S(400)));
        cases.Add(Case("PATCH nested duplicate", "PATCH", $"/tasks/{Id}", MergePatch, """{"description":{"a":1,"a":2}}""", S(400)));
        cases.Add(Case("PUT duplicate field", "PUT", $"/tasks/{Id}", Json, """{"title":"x","title":"y"}""", S(400)));
        cases.Add(Case("Idempotency-Key twice", "POST", "/tasks", Json, """{"title":"x"}""", S(400), ("Idempotency-Key", "a"), ("Idempotency-Key", "b")));
        cases.Add(Case("one header of 40 KiB", "GET", "/tasks", null, null, S(431), ("X-Padding", new string('p', 40 * 1024))));
        cases.Add(Case("40 KiB header on a write", "POST", "/tasks", Json, """{"title":"x"}""", S(431), ("X-Padding", new string('p', 40 * 1024))));
        cases.Add(Case("500 headers", "GET", "/tasks", null, null, S(431),
            [.. Enumerable.Range(0, 500).Select(i => ($"X-Header-{i}", "v"))]));

        // Wrong methods (HEAD carries no body to check, so it is left out).
        foreach (var (method, path) in new[]
        {
            ("OPTIONS", "/tasks"), ("TRACE", "/tasks"), ("PATCH", "/tasks"), ("FOO", "/tasks"),
            ("OPTIONS", $"/tasks/{Id}"), ("TRACE", $"/tasks/{Id}"), ("POST", "/health"), ("DELETE", "/health"),
        })
        {
            cases.Add(Case($"method {method} {path}", method, path, null, null, S(405)));
        }

        // Method names are case-sensitive (RFC 9110 section 9.1): a near-miss of a real method is an unknown method.
        foreach (var (method, path) in new[]
        {
            ("delete", $"/tasks/{Id}"), ("DeLeTe", $"/tasks/{Id}"), ("get", "/tasks"), ("Get", $"/tasks/{Id}"), ("options", "/tasks"),
        })
        {
            cases.Add(Case($"method {method} {path}", method, path, null, null, S(405)));
        }
        cases.Add(Case("method patch", "patch", $"/tasks/{Id}", MergePatch, """{"title":"lower-case patch"}""", S(405)));
        cases.Add(Case("method post", "post", "/tasks", Json, """{"title":"lower-case post"}""", S(405)));
        cases.Add(Case("method put", "put", $"/tasks/{Id}", Json, """{"title":"lower-case put"}""", S(405)));
        cases.Add(Case("unknown route under health", "GET", "/health/x", null, null, S(404)));

        // Wrong content types on every body-taking call.
        foreach (var (method, path) in new[] { ("POST", "/tasks"), ("PUT", $"/tasks/{Id}"), ("PATCH", $"/tasks/{Id}") })
        {
            foreach (var type in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream", "text/json" })
            {
                cases.Add(Case($"{method} as {type}", method, path, type, """{"title":"x"}""", S(415)));
            }
        }
        cases.Add(Case("POST as merge patch", "POST", "/tasks", MergePatch, """{"title":"x"}""", S(415)));
        cases.Add(Case("PUT as merge patch", "PUT", $"/tasks/{Id}", MergePatch, """{"title":"x"}""", S(415)));

        // Size and depth.
        cases.Add(Case("title 10,000 chars", "POST", "/tasks", Json, $$"""{"title":"{{new string('t', 10_000)}}"}""", S(400)));
        cases.Add(Case("description 60,000 chars", "POST", "/tasks", Json, $$"""{"title":"ok","description":"{{new string('d', 60_000)}}"}""", S(400)));
        cases.Add(Case("body 65 KiB of spaces", "POST", "/tasks", Json, $$"""{"title":"ok"{{new string(' ', 65 * 1024)}}}""", S(413)));
        cases.Add(Case("body 2 MiB", "POST", "/tasks", Json, $$"""{"title":"{{new string('t', 2 * 1024 * 1024)}}"}""", S(413)));
        cases.Add(Case("nested 64 deep in a field", "POST", "/tasks", Json, $$"""{"title":"ok","description":{{new string('[', 64)}}{{new string(']', 64)}}}""", S(400)));
        cases.Add(Case("nested 5000 deep", "POST", "/tasks", Json, new string('[', 5000) + new string(']', 5000), S(400)));
        cases.Add(Case("number too big", "POST", "/tasks", Json, """{"title":1e309}""", S(400)));
        cases.Add(Case("many unknown fields", "POST", "/tasks", Json,
            "{" + string.Join(',', Enumerable.Range(0, 500).Select(i => $"\"f{i}\":{i}")) + "}", S(400)));
        return cases;
    }

    private static string Base64Url(string text) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static HttpStatusCode[] ExpectedStatuses(HostileCase c) => [.. c.Statuses.Select(s => (HttpStatusCode)s)];
}
