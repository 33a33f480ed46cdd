using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using LambdaEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Lambda.Hosting.Tests;

/// <summary>
/// The front door's JWT authorizer against a real OpenID discovery document and JWKS served on loopback by the
/// test (over http://, as a local provider is): what API Gateway refuses never reaches the function.
/// </summary>
public sealed class JwtAuthorizerTests : IAsyncLifetime
{
    private const string Audience = "tasks-api";
    private const string KeyId = "test-key-1";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _forger = RSA.Create(2048);
    private readonly LambdaTestApp _app = new();
    private WebApplication? _provider;
    private HttpFrontDoor? _frontDoor;
    private HttpClient? _client;
    private string _issuer = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _provider = builder.Build();
        _provider.MapGet("/.well-known/openid-configuration", () => TypedResults.Json(new Dictionary<string, string>
        {
            ["issuer"] = _issuer,
            ["jwks_uri"] = _issuer + "/jwks",
        }));
        _provider.MapGet("/jwks", () => TypedResults.Json(new { keys = new[] { PublicJwk() } }));
        await _provider.StartAsync();
        _issuer = _provider.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        await _app.InitializeAsync();
        _frontDoor = new HttpFrontDoor(_app.Emulator, authorizer: new JwtAuthorizer(new JwtAuthorizerOptions { Issuer = _issuer, Audiences = [Audience] }));
        await _frontDoor.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _frontDoor.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_frontDoor is not null)
        {
            await _frontDoor.DisposeAsync();
        }

        await _app.DisposeAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }

        _key.Dispose();
        _forger.Dispose();
    }

    [Fact]
    public async Task Get_ValidToken_ReachesTheFunctionWithClaimsAndScopesShapedAsApiGatewayDoes()
    {
        var token = Token(claims: new() { ["scope"] = "tasks.read tasks.write", ["groups"] = new[] { "admins", "users" }, ["email_verified"] = true });

        using var response = await SendAsync("/echo/me", token);
        var echo = JsonSerializer.Deserialize<LambdaTestApp.Echo>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("user-1", echo.Claims["sub"]);
        Assert.Equal(_issuer, echo.Claims["iss"]);
        Assert.Equal(Audience, echo.Claims["aud"]);
        Assert.Equal("[admins users]", echo.Claims["groups"]);
        Assert.Equal("true", echo.Claims["email_verified"]);
        Assert.Matches("^[0-9]+$", echo.Claims["exp"]);
        Assert.Equal(["tasks.read", "tasks.write"], echo.Scopes);
    }

    [Fact]
    public async Task Get_NoAudButClientIdOfTheAudience_IsAuthorizedAsApiGatewayDoes()
    {
        var token = Token(audience: null, claims: new() { ["client_id"] = Audience });

        using var response = await SendAsync("/echo/client", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_TokenWithoutBearerPrefix_IsAcceptedLikeApiGatewayAccepts()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/raw");
        request.Headers.TryAddWithoutValidation("Authorization", Token());

        using var response = await _client!.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "missing", "no token" },
        { "forged", "signature" },
        { "unknown-kid", "kid" },
        { "wrong-issuer", "issuer" },
        { "wrong-audience", "the token does not have a valid audience" },
        { "aud-wrong-client-id-right", "the token does not have a valid audience" },
        { "expired", "expired" },
        { "not-yet-valid", "not yet valid" },
        { "issued-in-the-future", "future" },
        { "hs256", "the token" },
        { "garbage", "not a valid JWT" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Get_RefusedToken_Is401UnauthorizedBeforeTheFunctionRuns(string kind, string reason)
    {
        var before = _app.Emulator.Enqueued;

        using var response = await SendAsync("/echo/private", TokenFor(kind));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("""{"message":"Unauthorized"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains(reason, challenge.Parameter, StringComparison.Ordinal);
        Assert.Equal(before, _app.Emulator.Enqueued);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/auth/config")]
    [InlineData("GET", "/assets/app.js")]
    [InlineData("OPTIONS", "/tasks")]
    public async Task Request_PublicRouteWithoutToken_ReachesTheFunctionWithoutClaims(string method, string path)
    {
        using var response = await _client!.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var echo = JsonSerializer.Deserialize<LambdaTestApp.Echo>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(echo.Claims);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/assets")]
    [InlineData("/auth/config/x")]
    public async Task Get_LookalikeOfAPublicRoute_IsNotPublic(string path)
    {
        using var response = await _client!.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private object PublicJwk()
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        return new
        {
            kty = "RSA",
            use = "sig",
            alg = "RS256",
            kid = KeyId,
            n = Base64UrlEncoder.Encode(parameters.Modulus),
            e = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _client!.SendAsync(request);
    }

    private string? TokenFor(string kind)
    {
        var now = DateTime.UtcNow;
        return kind switch
        {
            "missing" => null,
            "forged" => Token(signer: _forger),
            "unknown-kid" => Token(keyId: "another-key"),
            "wrong-issuer" => Token(issuer: "http://127.0.0.1:1/other"),
            "wrong-audience" => Token(audience: "someone-else"),
            "aud-wrong-client-id-right" => Token(audience: "someone-else", claims: new() { ["client_id"] = Audience }),
            "expired" => Token(notBefore: now.AddMinutes(-10), expires: now.AddSeconds(-1), issuedAt: now.AddMinutes(-10)),
            "not-yet-valid" => Token(notBefore: now.AddMinutes(5), expires: now.AddMinutes(10)),
            "issued-in-the-future" => Token(issuedAt: now.AddMinutes(5)),
            "hs256" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = _issuer,
                Audience = Audience,
                Subject = new ClaimsIdentity([new Claim("sub", "user-1")]),
                Expires = now.AddMinutes(5),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = KeyId }, SecurityAlgorithms.HmacSha256),
            }),
            "garbage" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private string Token(
        string? issuer = null,
        string? audience = Audience,
        RSA? signer = null,
        string keyId = KeyId,
        DateTime? notBefore = null,
        DateTime? expires = null,
        DateTime? issuedAt = null,
        Dictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _issuer,
            Audience = audience,
            Claims = new Dictionary<string, object>(claims ?? []) { ["sub"] = "user-1" },
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(5),
            IssuedAt = issuedAt ?? now.AddMinutes(-1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signer ?? _key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
