namespace Tasks.Api.Web;

/// <summary>
/// Endpoint metadata for what a browser renders as a page (the HTML and its assets): its own Content-Security-Policy and
/// the caching the endpoint chose, instead of the API's <c>default-src 'none'</c> and <c>no-store</c>.
/// </summary>
internal sealed record PagePolicy(string ContentSecurityPolicy)
{
    /// <summary>Same-origin everything; <paramref name="signInOrigins"/> are where the page's sign-in code may connect.</summary>
    public static PagePolicy For(IEnumerable<string> signInOrigins)
    {
        var connect = string.Join(' ', signInOrigins.Prepend("'self'").Distinct(StringComparer.Ordinal));
        return new($"default-src 'self'; connect-src {connect}; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }
}
