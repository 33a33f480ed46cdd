namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The local OpenID provider with the page under test as its client's redirect (and sign-out) URL.</summary>
public sealed class PageOidcProvider(string pageUrl) : OidcProvider(300, pageUrl);
