using System.Net;
using System.Text;
using Lambda.Hosting.HttpApiV2;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lambda.Hosting.Tests;

public class RequestTranslationTests
{
    private static (LambdaRequest Request, LambdaInvocationFeature Invocation, HttpContext Context) Translate(string fixture)
    {
        var (request, invocation) = HttpApiV2Translator.CreateRequest(Events.Parse(fixture), Events.Invocation());
        var features = HttpApiV2Translator.CreateFeatures(request, new LambdaResponse(1024), invocation);
        return (request, invocation, new DefaultHttpContext(features));
    }

    [Theory]
    [InlineData("create-task-named-stage-base64", "/dev", "/tasks")]
    [InlineData("update-task-if-match-prod-stage", "/prod", "/tasks/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
    [InlineData("stage-prefix", "/v1", "/echo/stage")]
    [InlineData("stage-prefix-root", "/v1", "/")]
    [InlineData("list-tasks-default-stage", "", "/tasks")]
    [InlineData("stage-lookalike", "", "/v1x/echo/stage")]
    [InlineData("default-stage-named-like-path", "", "/v1/echo/stage")]
    [InlineData("custom-domain-named-stage", "", "/v1/echo/stage")]
    [InlineData("custom-domain-mapping-key", "", "/tasks-api/echo/stage")]
    public void CreateRequest_StageInRawPath_MovesOnlyANamedStagePrefixOnTheExecuteApiDomainToPathBase(string fixture, string pathBase, string path)
    {
        var (request, _, context) = Translate(fixture);

        Assert.Equal(pathBase, request.PathBase);
        Assert.Equal(path, request.Path);
        Assert.Equal(pathBase, context.Request.PathBase.Value ?? "");
    }

    [Theory]
    [InlineData("custom-domain-mapping-key", "/tasks-api", "/tasks-api", "/echo/stage")]
    [InlineData("custom-domain-mapping-key", "/tasks", "", "/tasks-api/echo/stage")]
    [InlineData("custom-domain-named-stage", "/tasks-api", "", "/v1/echo/stage")]
    [InlineData("stage-prefix", "/v1", "/v1", "/echo/stage")]
    public void CreateRequest_CustomDomainPathBase_MovesOnlyThatPrefixOnACustomDomain(string fixture, string setting, string pathBase, string path)
    {
        var (request, _) = HttpApiV2Translator.CreateRequest(Events.Parse(fixture), Events.Invocation(), setting);

        Assert.Equal((pathBase, path), (request.PathBase, request.Path));
    }

    [Theory]
    [InlineData("a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com", true)]
    [InlineData("a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn", true)]
    [InlineData("api.example.com", false)]
    [InlineData("execute-api.example.com", false)]
    [InlineData("a1b2c3d4e5.execute-api.example.com", false)]
    [InlineData(null, false)]
    public void IsExecuteApiDomain_DomainName_RecognisesOnlyTheApisOwnDomain(string? domainName, bool expected) =>
        Assert.Equal(expected, HttpApiV2Translator.IsExecuteApiDomain(domainName));

    [Fact]
    public void CreateRequest_ClientCert_SetsTheTlsFeatureWithTheParsedCertificate()
    {
        var (_, _, context) = Translate("mtls-client-cert");

        Assert.Equal("CN=device-42.example.com, O=Example Client, C=DE", context.Connection.ClientCertificate?.SubjectName.Decode(System.Security.Cryptography.X509Certificates.X500DistinguishedNameFlags.Reversed));
    }

    [Fact]
    public void CreateRequest_NoClientCert_HasNoTlsFeature()
    {
        var (_, _, context) = Translate("list-tasks-default-stage");

        Assert.Null(context.Features.Get<ITlsConnectionFeature>());
    }

    [Fact]
    public void CreateRequest_EncodedPathAndQuery_KeepsQueryRawAndDecodesPathExceptSlash()
    {
        var (request, _, context) = Translate("encoded-path-and-query");

        Assert.Equal("/echo/a%2Fb/c+d/café", request.Path);
        Assert.Equal("?q=a+b&path=x%2Fy&tag=1&tag=2&empty=", request.QueryString);
        Assert.Equal("/echo/a%2Fb/c+d/caf%C3%A9?q=a+b&path=x%2Fy&tag=1&tag=2&empty=", request.RawTarget);
        Assert.Equal("a b", context.Request.Query["q"]);
        Assert.Equal("x/y", context.Request.Query["path"]);
        Assert.Equal("1|2", string.Join('|', context.Request.Query["tag"].ToArray()));
        Assert.Equal("", context.Request.Query["empty"]);
    }

    [Fact]
    public void CreateRequest_SharedEncodedQueryFixture_ParsesRepeatedKeysOnce()
    {
        var (_, _, context) = Translate("get-task-encoded-path-and-query");

        Assert.Equal("a b|c d", string.Join('|', context.Request.Query["tag"].ToArray()));
        Assert.Equal("title,status", context.Request.Query["fields"]);
    }

    [Fact]
    public void CreateRequest_CommaJoinedHeaders_KeepsEachHeaderAsOneValue()
    {
        var (_, _, context) = Translate("comma-headers");
        var headers = context.Request.Headers;

        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)", Assert.Single(headers.UserAgent.ToArray()));
        Assert.Equal("Wed, 25 Nov 2026 12:00:00 GMT", Assert.Single(headers.Date.ToArray()));
        Assert.Equal("one,two, three", Assert.Single(headers["X-Repeated"].ToArray()));
        Assert.Equal("application/json, text/plain;q=0.5", headers.Accept.ToString());
    }

    [Fact]
    public void CreateRequest_Cookies_JoinsThemIntoOneCookieHeader()
    {
        var (_, _, context) = Translate("cookies");

        Assert.Equal("session=abc123; theme=dark; empty=", context.Request.Headers.Cookie.ToString());
        Assert.Equal("abc123", context.Request.Cookies["session"]);
        Assert.Equal("dark", context.Request.Cookies["theme"]);
    }

    [Fact]
    public async Task CreateRequest_Base64Body_DecodesBytesAndSetsContentLength()
    {
        var (request, _, context) = Translate("base64-body");
        var expected = new byte[] { 0, 1, 2, 0xFE, 0xFF, 0x7F, 0x80 }.Concat(Encoding.UTF8.GetBytes("é€")).ToArray();

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);

        Assert.Equal(expected, body.ToArray());
        Assert.Equal(expected.Length, context.Request.ContentLength);
        Assert.True(request.CanHaveBody);
        Assert.Equal("PUT", context.Request.Method);
    }

    [Fact]
    public async Task CreateRequest_SharedBase64Fixture_DecodesTheJsonBody()
    {
        var (_, _, context) = Translate("create-task-named-stage-base64");

        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();

        Assert.StartsWith("{\"title\":\"Buy milk\"", body, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), context.Request.ContentLength);
        Assert.Equal("session=abc123; theme=dark", context.Request.Headers.Cookie.ToString());
    }

    [Fact]
    public void CreateRequest_NoBody_CannotHaveBody()
    {
        var (request, _, context) = Translate("list-tasks-default-stage");

        Assert.False(request.CanHaveBody);
        Assert.Null(context.Request.ContentLength);
        Assert.Equal(0, context.Request.Body.Length);
    }

    [Theory]
    [InlineData("ipv6-source", "2001:db8::1234")]
    [InlineData("get-task-encoded-path-and-query", "2001:db8::1")]
    [InlineData("list-tasks-default-stage", "203.0.113.7")]
    public void CreateRequest_SourceIp_BecomesRemoteIpAddress(string fixture, string ip)
    {
        var (_, _, context) = Translate(fixture);

        Assert.Equal(IPAddress.Parse(ip), context.Connection.RemoteIpAddress);
    }

    [Fact]
    public void CreateRequest_AnyEvent_IsHttpsWithProtocolAndMethodFromRequestContext()
    {
        var (_, _, context) = Translate("update-task-if-match-prod-stage");

        Assert.Equal("https", context.Request.Scheme);
        Assert.True(context.Request.IsHttps);
        Assert.Equal("HTTP/1.1", context.Request.Protocol);
        Assert.Equal("PUT", context.Request.Method);
        Assert.Equal("\"3\"", context.Request.Headers.IfMatch.ToString());
    }

    [Fact]
    public void CreateRequest_NoHostHeader_UsesDomainName()
    {
        var (_, _, context) = Translate("no-host-header");

        Assert.Equal("custom.example.org", context.Request.Host.Value);
    }

    [Fact]
    public void CreateRequest_HostHeader_IsKept()
    {
        var (_, _, context) = Translate("get-task-encoded-path-and-query");

        Assert.Equal("tasks.example.com", context.Request.Host.Value);
    }

    [Fact]
    public void CreateRequest_JwtAuthorizer_ExposesClaimsAndScopes()
    {
        var (_, _, context) = Translate("jwt-claims");
        var invocation = context.Features.GetRequiredFeature<ILambdaInvocationFeature>();

        Assert.Equal("user-42", invocation.JwtClaims["sub"]);
        Assert.Equal("tasks/read tasks/write", invocation.JwtClaims["scope"]);
        Assert.Equal("[admin users]", invocation.JwtClaims["groups"]);
        Assert.Equal("true", invocation.JwtClaims["email_verified"]);
        Assert.Equal("1795611600", invocation.JwtClaims["exp"]);
        Assert.Equal(["tasks/read", "tasks/write"], invocation.Scopes);
    }

    [Fact]
    public void CreateRequest_SharedFixtureWithClaims_ReadsStringClaims()
    {
        var (_, invocation, _) = Translate("create-task-named-stage-base64");

        Assert.Equal("8c1f2d3e-0000-4000-8000-00000000abcd", invocation.JwtClaims["sub"]);
        Assert.Empty(invocation.Scopes);
        Assert.Equal("dev", invocation.Stage);
    }

    [Fact]
    public void CreateRequest_NoAuthorizer_HasEmptyClaims()
    {
        var (_, invocation, _) = Translate("list-tasks-default-stage");

        Assert.Empty(invocation.JwtClaims);
        Assert.Empty(invocation.Scopes);
    }

    [Fact]
    public void CreateRequest_AnyEvent_CarriesTheInvocationIdentifiers()
    {
        var (request, invocation, context) = Translate("list-tasks-default-stage");

        Assert.Equal("8476a536-e9f4-11e8-9739-2dfe598c3fcd", invocation.AwsRequestId);
        Assert.Equal("BxQ3mgQzjoEEMvw=", invocation.ApiRequestId);
        Assert.Equal("$default", invocation.Stage);
        Assert.Equal("arn:aws:lambda:eu-west-1:123456789012:function:tasks", invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-5f84c7a1-abcdef0123456789abcdef01", invocation.TraceId);
        Assert.Equal(invocation.AwsRequestId, context.TraceIdentifier);
        Assert.Equal("BxQ3mgQzjoEEMvw=", request.ConnectionId);
    }

    [Theory]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a%20b/%E2%82%AC", "/a b/€")]
    [InlineData("/a%2Fb%2fc", "/a%2Fb%2fc")]
    [InlineData("/x%2F%41", "/x%2FA")]
    [InlineData("/plus+sign", "/plus+sign")]
    public void DecodePath_EncodedSegments_UnescapesAllButSlash(string raw, string decoded)
    {
        Assert.Equal(decoded, HttpApiV2Translator.DecodePath(raw));
    }
}
