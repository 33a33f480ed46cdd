using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Lambda.Hosting.HttpApiV2;
using LambdaEmulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lambda.Hosting.Tests;

public class LambdaServerTests(LambdaTestApp app) : IClassFixture<LambdaTestApp>
{
    [Fact]
    public void AddLambdaHosting_RuntimeApiGiven_ReplacesKestrelWithLambdaServer()
    {
        var servers = app.App.Services.GetServices<IServer>().ToArray();

        Assert.IsType<LambdaServer>(Assert.Single(servers));
    }

    [Fact]
    public async Task Invocation_NamedStageSharedFixture_RoutesWithoutTheStageAndEchoesTheRequest()
    {
        var response = await app.InvokeFixtureAsync("create-task-named-stage-base64", new InvocationOptions { AwsRequestId = "lambda-req-1" });
        var echo = response.Json<LambdaTestApp.Echo>();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("POST", echo.Method);
        Assert.Equal("/dev", echo.PathBase);
        Assert.Equal("/tasks", echo.Path);
        Assert.Equal("https", echo.Scheme);
        Assert.Equal("a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com", echo.Host);
        Assert.Equal("abc123", echo.Cookies["session"]);
        Assert.StartsWith("{\"title\":\"Buy milk\"", Encoding.UTF8.GetString(Convert.FromBase64String(echo.Body)), StringComparison.Ordinal);
        Assert.Equal(Convert.FromBase64String(echo.Body).Length, echo.ContentLength);
        Assert.Equal("lambda-req-1", echo.AwsRequestId);
        Assert.Equal("lambda-req-1", echo.TraceIdentifier);
        Assert.Equal("BxQ4Hh2pjoEEJ8g=", echo.ApiRequestId);
        Assert.Equal("dev", echo.Stage);
        Assert.Equal("8c1f2d3e-0000-4000-8000-00000000abcd", echo.Claims["sub"]);
        Assert.Equal("198.51.100.23", echo.RemoteIp);
    }

    [Fact]
    public async Task Invocation_EncodedPathAndQuery_ReachTheAppUndecodedInTheQueryAndRawTarget()
    {
        var response = await app.InvokeFixtureAsync("encoded-path-and-query");
        var echo = response.Json<LambdaTestApp.Echo>();

        Assert.Equal("/echo/a%2Fb/c+d/café", echo.Path);
        Assert.Equal("?q=a+b&path=x%2Fy&tag=1&tag=2&empty=", echo.QueryString);
        Assert.Equal("/echo/a%2Fb/c+d/caf%C3%A9?q=a+b&path=x%2Fy&tag=1&tag=2&empty=", echo.RawTarget);
        Assert.Equal(["1", "2"], echo.Query["tag"]);
        Assert.Equal(["x/y"], echo.Query["path"]);
        Assert.Equal(["a b"], echo.Query["q"]);
    }

    [Fact]
    public async Task Invocation_CommaHeaders_ArriveAsSingleValues()
    {
        var echo = (await app.InvokeFixtureAsync("comma-headers")).Json<LambdaTestApp.Echo>();

        Assert.Equal(["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"], echo.Headers["user-agent"]);
        Assert.Equal(["Wed, 25 Nov 2026 12:00:00 GMT"], echo.Headers["date"]);
        Assert.Equal(["one,two, three"], echo.Headers["x-repeated"]);
    }

    [Fact]
    public async Task Invocation_Ipv6Source_IsTheRemoteAddress()
    {
        var echo = (await app.InvokeFixtureAsync("ipv6-source")).Json<LambdaTestApp.Echo>();

        Assert.Equal("2001:db8::1234", echo.RemoteIp);
    }

    [Fact]
    public async Task Invocation_Base64Body_ReachesTheAppAsBytes()
    {
        var echo = (await app.InvokeFixtureAsync("base64-body")).Json<LambdaTestApp.Echo>();
        var expected = new byte[] { 0, 1, 2, 0xFE, 0xFF, 0x7F, 0x80 }.Concat(Encoding.UTF8.GetBytes("é€")).ToArray();

        Assert.Equal(expected, Convert.FromBase64String(echo.Body));
        Assert.Equal(expected.Length, echo.ContentLength);
    }

    [Fact]
    public async Task Invocation_JsonPost_BindsTheBodyInMinimalApis()
    {
        var response = await app.InvokeFixtureAsync("json-body-binding");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new LambdaTestApp.Item("Buy milk", 3), response.Json<LambdaTestApp.Item>());
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public async Task Invocation_JwtClaims_AreOnTheInvocationFeature()
    {
        var echo = (await app.InvokeFixtureAsync("jwt-claims")).Json<LambdaTestApp.Echo>();

        Assert.Equal("user-42", echo.Claims["sub"]);
        Assert.Equal("tasks/read tasks/write", echo.Claims["scope"]);
    }

    [Fact]
    public async Task Invocation_JwtClaims_AreAnAuthenticatedUser()
    {
        var withClaims = (await app.InvokeFixtureAsync("jwt-claims")).Json<LambdaTestApp.Echo>();
        var without = (await app.InvokeFixtureAsync("list-tasks-default-stage")).Json<LambdaTestApp.Echo>();

        Assert.True(withClaims.Authenticated);
        Assert.Equal("user-42", withClaims.UserName);
        Assert.False(without.Authenticated);
        Assert.Null(without.UserName);
    }

    [Fact]
    public async Task Invocation_Headers_DeadlineArnAndTraceReachTheApp()
    {
        var before = DateTimeOffset.UtcNow;
        var echo = (await app.InvokeFixtureAsync("list-tasks-default-stage", new InvocationOptions
        {
            Timeout = TimeSpan.FromSeconds(20),
            TraceId = "Root=1-abc;Parent=def;Sampled=1",
        })).Json<LambdaTestApp.Echo>();

        Assert.InRange(echo.Deadline, before.AddSeconds(19), DateTimeOffset.UtcNow.AddSeconds(21));
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:local", echo.FunctionArn);
        Assert.Equal("Root=1-abc;Parent=def;Sampled=1", echo.TraceId);
    }

    [Fact]
    public async Task Invocation_TraceHeader_IsCopiedToTheEnvironmentPerInvocation()
    {
        var first = await app.InvokeFixtureAsync("trace", new InvocationOptions { TraceId = "Root=1-first" });
        var second = await app.InvokeFixtureAsync("trace", new InvocationOptions { TraceId = "Root=1-second" });

        Assert.Equal("Root=1-first", first.Body);
        Assert.Equal("Root=1-second", second.Body);
    }

    [Fact]
    public async Task Invocation_InvocationIdHeader_IsEchoedOnTheResponsePost()
    {
        var response = await app.InvokeFixtureAsync("empty-body", new InvocationOptions { InvocationId = "inv-77" });

        Assert.Equal("inv-77", response.Raw.RequestHeaders["Lambda-Runtime-Invocation-Id"]);
    }

    [Fact]
    public async Task Invocation_BinaryResponse_IsBase64Encoded()
    {
        var response = await app.InvokeFixtureAsync("binary-response");

        Assert.True(response.IsBase64Encoded);
        Assert.Equal(LambdaTestApp.BinaryBody, Convert.FromBase64String(response.Body!));
        Assert.Equal("image/png", response.Header("Content-Type"));
    }

    [Theory]
    [InlineData("gzip-response")]
    [InlineData("invalid-utf8-text")]
    public async Task Invocation_TextualTypeWhoseBytesAreNotUtf8Text_IsBase64EncodedNotReplacedWithU00FFFD(string fixture)
    {
        var response = await app.InvokeFixtureAsync(fixture);

        Assert.True(response.IsBase64Encoded);
        Assert.Equal(fixture == "gzip-response" ? LambdaTestApp.BinaryBody : LambdaTestApp.InvalidUtf8Body, Convert.FromBase64String(response.Body!));
    }

    [Fact]
    public async Task Invocation_HtmlSensitiveAndNonAsciiText_TravelsUnescapedAndAstralCharactersAsSurrogateEscapes()
    {
        var response = await app.InvokeFixtureAsync("relaxed-escaping");
        var document = response.Raw.Response!;

        Assert.Equal(LambdaTestApp.RelaxedBody, response.Body);
        Assert.Contains("""<b>l'été</b> & \\\"Q+A\\\" café \uD83D\uDE00""", document, StringComparison.Ordinal);
        // The body plus only what JSON requires inside a string (here 6 quotes, 2 backslashes, one astral escape) plus the envelope.
        var envelope = Encoding.UTF8.GetByteCount(document) - Encoding.UTF8.GetByteCount(LambdaTestApp.RelaxedBody);
        Assert.InRange(envelope, 8 + 8, 8 + 8 + 120);
    }

    [Fact]
    public async Task Invocation_AccentedJsonOfTwoAndAHalfMegabytes_FitsTheSixMegabyteLimit()
    {
        var response = await app.InvokeFixtureAsync("large-accented-json");

        Assert.Equal(200, response.StatusCode);
        Assert.False(response.IsBase64Encoded);
        Assert.Equal(LambdaTestApp.LargeAccentedBody, response.Body);
        Assert.InRange(Encoding.UTF8.GetByteCount(response.Raw.Response!), 0, HttpApiV2Translator.MaxResponsePayloadBytes);
    }

    [Fact]
    public async Task Invocation_MutualTlsClientCert_IsTheConnectionsClientCertificate()
    {
        var response = await app.InvokeFixtureAsync("mtls-client-cert");

        Assert.Equal("CN=device-42.example.com, O=Example Client, C=DE|5556D748759C357CF5F68D723F4C435D70099655", response.Body);
    }

    [Fact]
    public async Task Invocation_NoClientCert_HasNoClientCertificate()
    {
        var response = await app.InvokeAsync(Events.WithPath("mtls-client-cert", "/client-cert").Replace("\"authentication\"", "\"unused\"", StringComparison.Ordinal));

        Assert.Equal("<none>", response.Body);
    }

    [Theory]
    [InlineData("version-number", "\"version\": 2 (a number, not the string \"2.0\")")]
    [InlineData("payload-1.0", "payload format version \"1.0\"")]
    public async Task Invocation_UnsupportedPayloadFormat_SaysSoInTheInvalidEventError(string fixture, string found)
    {
        var result = await app.Emulator.EnqueueAsync(Events.Json(fixture));

        Assert.True(result.IsError);
        Assert.Equal("Runtime.InvalidEvent", result.Error!.ErrorType);
        using var error = JsonDocument.Parse(result.Error.Body);
        var message = error.RootElement.GetProperty("errorMessage").GetString()!;
        Assert.StartsWith("Unsupported event: " + found, message, StringComparison.Ordinal);
        Assert.Contains("payload format version \"2.0\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invocation_CustomDomainPathBaseSetting_MovesTheMappingKeyToPathBase()
    {
        var custom = new LambdaTestApp(null, null, o => o.CustomDomainPathBase = "/tasks-api");
        LambdaTestApp.Echo mapped, executeApi;
        try
        {
            await custom.InitializeAsync();
            mapped = (await custom.InvokeFixtureAsync("custom-domain-mapping-key")).Json<LambdaTestApp.Echo>();
            executeApi = (await custom.InvokeAsync(Events.WithPath("create-task-named-stage-base64", "/dev/tasks-api/x"))).Json<LambdaTestApp.Echo>();
        }
        finally
        {
            await custom.DisposeAsync();
        }

        Assert.Equal(("/tasks-api", "/echo/stage"), (mapped.PathBase, mapped.Path));
        Assert.Equal(("/dev", "/tasks-api/x"), (executeApi.PathBase, executeApi.Path));
    }

    [Fact]
    public async Task Invocation_NonUtf8Text_IsBase64EncodedToKeepItsBytes()
    {
        var response = await app.InvokeFixtureAsync("latin1-text");

        Assert.True(response.IsBase64Encoded);
        Assert.Equal(Encoding.Latin1.GetBytes("café"), Convert.FromBase64String(response.Body!));
    }

    [Theory]
    [InlineData("no-content", 204)]
    [InlineData("not-modified", 304)]
    [InlineData("empty-body", 200)]
    public async Task Invocation_EmptyBody_HasNoBodyAndNoContentType(string fixture, int status)
    {
        var response = await app.InvokeFixtureAsync(fixture);

        Assert.Equal(status, response.StatusCode);
        Assert.Null(response.Body);
        Assert.False(response.IsBase64Encoded);
        Assert.Null(response.Header("Content-Type"));
    }

    [Fact]
    public async Task Invocation_NotModified_KeepsTheETag()
    {
        var response = await app.InvokeFixtureAsync("not-modified");

        Assert.Equal("\"3\"", response.Header("ETag"));
    }

    [Fact]
    public async Task Invocation_SetCookies_TravelInCookiesArray()
    {
        var response = await app.InvokeFixtureAsync("set-cookies");

        Assert.Equal(["a=1; path=/", "b=2; path=/; httponly"], response.Cookies);
        Assert.Null(response.Header("Set-Cookie"));
        Assert.Equal("ok", response.Body);
    }

    [Fact]
    public async Task Invocation_ResponseOverSixMegabytes_IsAnsweredWithA500Problem()
    {
        var response = await app.InvokeFixtureAsync("large-response", new InvocationOptions { AwsRequestId = "large-1" });
        var problem = response.Problem();

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Equal("large-1", problem.GetProperty("requestId").GetString());
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("payload limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invocation_EndpointThrows_Answers500ProblemAndTheNextInvocationWorks()
    {
        var failed = await app.InvokeFixtureAsync("throws", new InvocationOptions { AwsRequestId = "throws-1" });
        var next = await app.InvokeFixtureAsync("list-tasks-default-stage");

        var problem = failed.Problem();
        Assert.Equal(500, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Header("Content-Type"));
        Assert.Equal("throws-1", problem.GetProperty("requestId").GetString());
        Assert.Equal("An error occurred while processing your request.", problem.GetProperty("title").GetString());
        Assert.False(problem.TryGetProperty("detail", out _));
        Assert.Contains(app.Logs.Entries, e => e.Exception?.Message == "boom" && e.Message.Contains("throws-1", StringComparison.Ordinal));
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task Invocation_EndpointThrowsAfterWriting_StillAnswersACleanProblem()
    {
        var response = await app.InvokeFixtureAsync("throws-after-start");

        Assert.Equal(500, response.StatusCode);
        Assert.DoesNotContain("partial", response.Body, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
    }

    [Fact]
    public async Task Invocation_SynchronousWrite_FailsLikeKestrel()
    {
        var response = await app.InvokeFixtureAsync("sync-write");

        Assert.Equal(500, response.StatusCode);
    }

    [Fact]
    public async Task Invocation_PastTheDeadline_RequestAbortedFiresBeforeTheDeadline()
    {
        var response = await app.InvokeFixtureAsync("slow", new InvocationOptions { Timeout = TimeSpan.FromSeconds(3) });

        Assert.Equal(504, response.StatusCode);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        // Judged against the deadline the Runtime API handed out, not the test's own clock: queueing and a loaded CI
        // box do not count, only whether the answer arrived before Lambda would have ended the invocation.
        Assert.True(response.Raw.AnsweredAt < response.Raw.Deadline,
            $"answered at {response.Raw.AnsweredAt:O}, the deadline was {response.Raw.Deadline:O}");
    }

    [Fact]
    public async Task Invocation_PastTheDeadlineBehindAnExceptionHandler_AnswersTheDeadlineProblemNot499()
    {
        var evt = Events.Json("slow").Replace("\"/slow\"", "\"/handled/slow\"", StringComparison.Ordinal);

        var response = await app.InvokeAsync(evt, new InvocationOptions { Timeout = TimeSpan.FromSeconds(2) });

        Assert.Equal(504, response.StatusCode);
        Assert.Equal("application/problem+json", response.Header("Content-Type"));
        Assert.Equal(504, response.Problem().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Invocation_ResponseCallbacks_OnStartingShapesTheResponseAndOnCompletedFires()
    {
        var response = await app.InvokeFixtureAsync("callbacks", new InvocationOptions { AwsRequestId = "callbacks-1" });

        Assert.Equal("fired", response.Header("X-On-Starting"));
        await app.Completed.GetOrAdd("callbacks-1", _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Invocation_AppLogs_CarryLambdaAndApiRequestIdsAndTraceIdInTheScope()
    {
        await app.InvokeFixtureAsync("logs", new InvocationOptions { AwsRequestId = "logs-1", TraceId = "Root=1-logs;Parent=abc;Sampled=1" });

        var lambdaScope = LambdaScopeOfEndpointLog("logs-1");
        Assert.Equal("req-logs", lambdaScope["ApiRequestId"]);
        Assert.Equal("Root=1-logs;Parent=abc;Sampled=1", lambdaScope["TraceId"]);
    }

    [Fact]
    public async Task Invocation_NoTraceHeader_LeavesTraceIdOutOfTheLambdaScope()
    {
        await app.InvokeFixtureAsync("logs", new InvocationOptions { AwsRequestId = "logs-untraced", TraceId = null });

        var lambdaScope = LambdaScopeOfEndpointLog("logs-untraced");
        Assert.Equal("req-logs", lambdaScope["ApiRequestId"]);
        Assert.False(lambdaScope.ContainsKey("TraceId"));
    }

    [Fact]
    public async Task Invocation_NotAnHttpApiEvent_PostsAnInvocationErrorAndKeepsServing()
    {
        var result = await app.Emulator.EnqueueAsync("""{"Records":[]}""");
        var next = await app.InvokeFixtureAsync("list-tasks-default-stage");

        Assert.True(result.IsError);
        Assert.Equal("Runtime.InvalidEvent", result.Error!.ErrorType);
        using var error = JsonDocument.Parse(result.Error.Body);
        Assert.Equal("Lambda.Hosting.InvalidEventException", error.RootElement.GetProperty("errorType").GetString());
        Assert.NotEmpty(error.RootElement.GetProperty("errorMessage").GetString()!);
        Assert.Equal(JsonValueKind.Array, error.RootElement.GetProperty("stackTrace").ValueKind);
        Assert.Equal(200, next.StatusCode);
    }

    [Fact]
    public async Task Invocation_SharedFixtures_AllAnswer200ThroughTheEcho()
    {
        foreach (var fixture in new[] { "create-task-named-stage-base64", "get-task-encoded-path-and-query", "list-tasks-default-stage", "update-task-if-match-prod-stage" })
        {
            var response = await app.InvokeFixtureAsync(fixture);
            var echo = response.Json<LambdaTestApp.Echo>();

            Assert.Equal(200, response.StatusCode);
            Assert.StartsWith("/tasks", echo.Path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invocation_InvalidBase64Body_PostsAnInvalidEventError()
    {
        var result = await app.Emulator.EnqueueAsync(Events.Json("invalid-base64-body"));

        Assert.True(result.IsError);
        Assert.Equal("Runtime.InvalidEvent", result.Error!.ErrorType);
    }

    [Fact]
    public async Task Invocation_Head_KeepsHeadersAndDropsTheBody()
    {
        var response = await app.InvokeFixtureAsync("head-request");

        // MapGet does not take HEAD, so the catch-all echo answers it: a JSON body that must not travel.
        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("application/json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Null(response.Body);
    }

    private Dictionary<string, object?> LambdaScopeOfEndpointLog(string awsRequestId)
    {
        var entry = Assert.Single(app.Logs.Entries, e => e.Message == "hello from the endpoint" && Equals(e.Scope.GetValueOrDefault("AwsRequestId"), awsRequestId));
        return Assert.Single(entry.Scopes, s => s.ContainsKey("AwsRequestId"));
    }
}
