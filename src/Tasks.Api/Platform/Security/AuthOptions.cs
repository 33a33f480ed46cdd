namespace Tasks.Api.Platform.Security;

internal sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Jwt;

    /// <summary>The token issuer (e.g. a Cognito user pool URL); its OpenID metadata supplies the signing keys on Kestrel.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience (client id) a token must be for.</summary>
    public string? Audience { get; set; }
}
