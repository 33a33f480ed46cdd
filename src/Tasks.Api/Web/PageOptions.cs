namespace Tasks.Api.Web;

/// <summary>The page's sign-in client, bound from the <c>Auth</c> section beside the API's own token settings.</summary>
internal sealed class PageOptions
{
    /// <summary>The page's public OpenID client (authorization code + PKCE, no secret).</summary>
    public string? ClientId { get; set; }

    public string Scopes { get; set; } = "openid email";

    /// <summary>A resource indicator (RFC 8707) to ask for, where the provider issues JWT access tokens per resource.</summary>
    public string? Resource { get; set; }

    /// <summary>A provider-specific sign-out URL (Cognito's <c>/logout?client_id=...</c>); empty: the provider's end_session_endpoint.</summary>
    public string? SignOutUrl { get; set; }
}
