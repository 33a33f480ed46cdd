using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace LambdaEmulator;

/// <summary>Settings of the front door's JWT authorizer (an HTTP API <c>jwtConfiguration</c> plus the routes without it).</summary>
public sealed record JwtAuthorizerOptions
{
    /// <summary>The routes API Gateway serves without the authorizer in this project: the page, its assets, its sign-in settings, health.</summary>
    public static readonly IReadOnlyList<string> DefaultPublicPaths = ["/", "/assets/*", "/auth/config", "/health"];

    /// <summary>The <c>iss</c> a token must carry; its discovery document is <c>{issuer}/.well-known/openid-configuration</c>.</summary>
    public required string Issuer { get; init; }

    /// <summary>The audiences; a token's <c>aud</c> (or, without one, its <c>client_id</c>) must be one of them.</summary>
    public required IReadOnlyList<string> Audiences { get; init; }

    /// <summary>Exact paths, or prefixes ending in <c>/*</c>, that skip the authorizer. OPTIONS always does.</summary>
    public IReadOnlyList<string> PublicPaths { get; init; } = DefaultPublicPaths;
}

/// <summary>What an authorizer decided: the claims for <c>requestContext.authorizer.jwt</c>, or why the request is refused.</summary>
public sealed record JwtAuthorization(IReadOnlyList<KeyValuePair<string, string>>? Claims, IReadOnlyList<string>? Scopes, string? Error)
{
    public bool Allowed => Error is null;
}

/// <summary>
/// What an HTTP API JWT authorizer checks before the function runs: the token in <c>Authorization</c> (with or
/// without <c>Bearer</c>), an RSA signature by a key of the issuer's JWKS whose <c>kid</c> matches, <c>iss</c>,
/// <c>aud</c> or else <c>client_id</c>, and <c>exp</c>, <c>nbf</c>, <c>iat</c> against the current time with no skew.
/// </summary>
public sealed class JwtAuthorizer
{
    private static readonly string[] RsaAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    private readonly JwtAuthorizerOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly JsonWebTokenHandler _handler = new();

    public JwtAuthorizer(JwtAuthorizerOptions options, HttpClient? httpClient = null)
    {
        _options = options;
        var metadata = options.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        // Local providers run on http://; API Gateway itself only accepts an https issuer.
        var retriever = new HttpDocumentRetriever(httpClient ?? new HttpClient()) { RequireHttps = false };
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public bool IsPublic(HttpRequest request)
    {
        if (HttpMethods.IsOptions(request.Method))
        {
            return true;
        }

        var path = request.Path.Value ?? "/";
        foreach (var pattern in _options.PublicPaths)
        {
            if (pattern.EndsWith("/*", StringComparison.Ordinal)
                ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : string.Equals(path, pattern, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<JwtAuthorization> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString().Trim();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header;
        if (token.Length == 0)
        {
            return Refuse("no token in the Authorization header");
        }

        if (!_handler.CanReadToken(token))
        {
            return Refuse("the token is not a valid JWT");
        }

        var result = await ValidateAsync(token, cancellationToken);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The issuer may have rotated its keys since the JWKS was read: read it again once.
            _configuration.RequestRefresh();
            result = await ValidateAsync(token, cancellationToken);
        }

        if (!result.IsValid)
        {
            return Refuse(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.TryGetPayloadValue<long>("iat", out var iat) && DateTimeOffset.FromUnixTimeSeconds(iat) > DateTimeOffset.UtcNow)
        {
            return Refuse("the token was issued in the future");
        }

        var audiences = jwt.Audiences.ToList();
        if (audiences.Count == 0 && jwt.TryGetPayloadValue<string>("client_id", out var clientId))
        {
            audiences.Add(clientId);
        }

        if (!audiences.Any(a => _options.Audiences.Contains(a, StringComparer.Ordinal)))
        {
            // API Gateway's own wording for this case.
            return Refuse("the token does not have a valid audience");
        }

        return Shape(jwt);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _configuration.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new TokenValidationResult { IsValid = false, Exception = ex };
        }

        return await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidateAudience = false, // aud, or client_id when there is no aud: checked after, as API Gateway does.
            IssuerSigningKeys = configuration.SigningKeys,
            TryAllIssuerSigningKeys = false, // the token's kid must name a key of the JWKS
            ValidAlgorithms = RsaAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero, // exp after now, nbf before now: API Gateway allows no skew
        });
    }

    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not yet valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidIssuerException => "the token does not have a valid issuer",
        SecurityTokenInvalidAlgorithmException => "the token's signing algorithm is not RSA",
        SecurityTokenSignatureKeyNotFoundException => "no key of the issuer's JWKS matches the token's kid",
        SecurityTokenInvalidSignatureException => "the token's signature is invalid",
        InvalidOperationException => "the issuer's discovery document or JWKS could not be read",
        _ => "the token is invalid",
    };

    private static JwtAuthorization Refuse(string description) => new(null, null, description);

    /// <summary>Claims as API Gateway hands them to the integration: every value a string, arrays as <c>[a b]</c>.</summary>
    private static JwtAuthorization Shape(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        var claims = new List<KeyValuePair<string, string>>();
        List<string>? scopes = null;
        foreach (var property in payload.RootElement.EnumerateObject())
        {
            claims.Add(new(property.Name, Flatten(property.Value)));
            if (property.Name is "scope" or "scp")
            {
                scopes ??= [];
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    scopes.AddRange(property.Value.EnumerateArray().Select(Flatten));
                }
                else
                {
                    scopes.AddRange(Flatten(property.Value).Split(' ', StringSplitOptions.RemoveEmptyEntries));
                }
            }
        }

        return new JwtAuthorization(claims, scopes, null);
    }

    private static string Flatten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(Flatten)) + "]",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };

    /// <summary>The <c>www-authenticate</c> value API Gateway sends with a refusal.</summary>
    public static string Challenge(string description) =>
        string.Create(CultureInfo.InvariantCulture, $"Bearer scope=\"\" error=\"invalid_token\" error_description=\"{description}\"");

    /// <summary>The body API Gateway answers a refused request with.</summary>
    public static readonly byte[] UnauthorizedBody = Encoding.UTF8.GetBytes("""{"message":"Unauthorized"}""");
}
