namespace Tasks.Api.Platform.Security;

internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// No tolerance past <c>exp</c> or before <c>nbf</c>: the HTTP API's JWT authorizer allows none, so a token is
    /// refused at the same instant on Kestrel and in Lambda (JwtBearer's default would accept it for 5 more minutes).
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.Zero;

    public AuthMode Mode { get; set; } = AuthMode.Jwt;

    /// <summary>The token issuer (e.g. a Cognito user pool URL); its OpenID metadata supplies the signing keys on Kestrel.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience (client id) a token must be for.</summary>
    public string? Audience { get; set; }
}
