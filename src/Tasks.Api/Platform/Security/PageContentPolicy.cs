namespace Tasks.Api.Platform.Security;

/// <summary>
/// Endpoint metadata for what a browser renders as a page (HTML and its assets): this Content-Security-Policy and the
/// caching its endpoint chose, instead of the API's <c>default-src 'none'</c> and <c>no-store</c>.
/// </summary>
internal sealed record PageContentPolicy(string ContentSecurityPolicy);
