using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>
/// The local OpenID provider (tools/oidc/server.mjs, oidc-provider) on a free loopback port, with its
/// development users, the page's public client and RS256 JWT access tokens for the API. Tokens come
/// through the real code + PKCE flow, signing in through its login form over HTTP (no browser).
/// A subclass picks other settings, e.g. <c>: OidcProvider(accessTokenTtlSeconds: 2)</c>.
/// </summary>
public class OidcProvider : IAsyncLifetime
{
    public const string ClientId = "tasks-web";
    public const string Audience = "tasks-api";
    public const string DefaultRedirectUri = "http://localhost:5080/";

    // One `npm ci` for the whole run, however many providers start at once.
    private static readonly Lazy<Task> NodeModules = new(InstallAsync);
    private readonly int _accessTokenTtlSeconds;
    private readonly string[] _redirectUris;
    private Process? _process;

    public OidcProvider()
        : this(300)
    {
    }

    /// <param name="accessTokenTtlSeconds">the access tokens' lifetime; negative: tokens that expired that long ago</param>
    /// <param name="redirectUris">the page's redirect (and post-logout) URIs; the first is the one tokens are fetched with</param>
    protected OidcProvider(int accessTokenTtlSeconds, params string[] redirectUris)
    {
        _accessTokenTtlSeconds = accessTokenTtlSeconds;
        _redirectUris = redirectUris.Length > 0 ? redirectUris : [DefaultRedirectUri];
    }

    public string Issuer { get; private set; } = "";

    public IReadOnlyList<string> RedirectUris => _redirectUris;

    public async Task InitializeAsync()
    {
        await NodeModules.Value;
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(Path.Combine("tools", "oidc", "server.mjs"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(DynamoDbLocal.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add($"--access-token-ttl={_accessTokenTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        foreach (var uri in _redirectUris)
        {
            start.ArgumentList.Add("--redirect");
            start.ArgumentList.Add(uri);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var errors = _process.StandardError.ReadToEndAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("ready ", StringComparison.Ordinal))
            {
                Issuer = line["ready ".Length..];
                // Keep draining stdout so that the provider never blocks on a full pipe.
                _ = _process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }
        throw new InvalidOperationException($"The OpenID provider exited before it was ready: {await errors}");
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>A signed-in user's access token: authorize, the login form, the redirect with the code, the token request.</summary>
    public async Task<string> GetAccessTokenAsync(string user, string? password = null) =>
        (await GetTokenResponseAsync(user, password)).GetProperty("access_token").GetString()!;

    /// <summary>The token endpoint's whole answer (access_token, id_token, expires_in, ...).</summary>
    public async Task<JsonElement> GetTokenResponseAsync(string user, string? password = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        var redirectUri = _redirectUris[0];
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString($"{Issuer}/auth", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["response_type"] = "code",
            ["scope"] = "openid profile",
            ["redirect_uri"] = redirectUri,
            ["code_challenge"] = Base64Url(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["state"] = state,
        });

        var login = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, authorize));
        var next = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Post, login)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = user, ["password"] = password ?? $"{user}-password" }),
        });
        // Back to the authorization endpoint, through the provider's automatic consent, to the page with the code.
        while (next.AbsoluteUri.StartsWith(Issuer + "/", StringComparison.Ordinal))
        {
            next = await RedirectOfAsync(http, new HttpRequestMessage(HttpMethod.Get, next));
        }
        Assert.StartsWith(redirectUri, next.AbsoluteUri, StringComparison.Ordinal);
        var answer = QueryHelpers.ParseQuery(next.Query);
        Assert.Equal(state, answer["state"].ToString());

        using var token = await http.PostAsync($"{Issuer}/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["code"] = answer["code"].ToString(),
            ["code_verifier"] = verifier,
        }));
        Assert.True(token.IsSuccessStatusCode, $"token request: {(int)token.StatusCode} {await token.Content.ReadAsStringAsync()}");
        return await token.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Uri> RedirectOfAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var location = response.Headers.Location;
            Assert.True(location is not null, $"{request.Method} {request.RequestUri}: expected a redirect, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
        }
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Stop()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task InstallAsync()
    {
        if (Directory.Exists(Path.Combine(RepositoryRoot.Path, "node_modules", "oidc-provider")))
        {
            return;
        }
        var info = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start");
        var output = npm.StandardOutput.ReadToEndAsync();
        var error = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed: {await output}{await error}");
        }
    }
}
