using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>
/// The app with Auth:Mode=Jwt trusting the local OpenID provider, started with it: the app finds the
/// signing keys through the provider's discovery document and JWKS, as it does with any issuer.
/// </summary>
public class OidcApplication : TasksApplication, IAsyncLifetime
{
    public OidcApplication()
        : this(new OidcProvider())
    {
    }

    protected OidcApplication(OidcProvider provider) => Provider = provider;

    public OidcProvider Provider { get; }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Provider.InitializeAsync();
        await InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Auth:Mode", "Jwt");
        builder.UseSetting("Auth:Issuer", Provider.Issuer);
        builder.UseSetting("Auth:Audience", OidcProvider.Audience);
    }

    /// <summary>A client carrying a fresh access token of the user's, signed in at the provider.</summary>
    public async Task<HttpClient> SignedInClientAsync(string user) => ClientWith(await Provider.GetAccessTokenAsync(user));

    public HttpClient ClientWith(string accessToken, HttpClient? client = null)
    {
        client ??= CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", accessToken);
        return client;
    }
}
