using System.Net;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>A provider that issues access tokens which expired ten minutes ago (beyond the app's clock skew), so nothing waits.</summary>
public sealed class OidcExpiredTokenTests(OidcExpiredTokenTests.ExpiredTokensApplication app) : IClassFixture<OidcExpiredTokenTests.ExpiredTokensApplication>
{
    [Fact]
    public async Task Request_ExpiredProviderToken_Returns401()
    {
        var token = await app.Provider.GetAccessTokenAsync("alice");
        var expires = DateTimeOffset.FromUnixTimeSeconds(OidcTokenTests.Claims(token).GetProperty("exp").GetInt64());
        Assert.True(expires < DateTimeOffset.UtcNow.AddMinutes(-5), $"the provider's token should be long expired, expires {expires:O}");

        using var response = await app.ClientWith(token).GetAsync("/tasks");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    public sealed class ExpiredTokensApplication() : OidcApplication(new ExpiredTokensProvider());

    public sealed class ExpiredTokensProvider() : OidcProvider(accessTokenTtlSeconds: -600);
}
