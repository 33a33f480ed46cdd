using System.Net;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

/// <summary>Access tokens from the local OpenID provider, through the code + PKCE flow, against the app.</summary>
public sealed class OidcTokenTests(OidcApplication app) : IClassFixture<OidcApplication>
{
    [Fact]
    public async Task Request_AliceTokenFromProvider_OwnsAlicesTasksAcrossSignIns()
    {
        var created = await (await app.SignedInClientAsync("alice")).CreateTaskAsync("alice's");
        var id = created.GetProperty("id").GetString();

        // A second sign-in is the same owner: the provider's `sub` is stable per user.
        var again = await app.SignedInClientAsync("alice");

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/tasks/{id}")).StatusCode);
        Assert.Contains(id, await ListedIdsAsync(again));
    }

    [Fact]
    public async Task Request_BobsToken_NeverSeesAlicesTasks()
    {
        var alice = await app.SignedInClientAsync("alice");
        var bob = await app.SignedInClientAsync("bob");
        var id = (await alice.CreateTaskAsync("private")).GetProperty("id").GetString();

        await (await bob.GetAsync($"/tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync($"/tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await ListedIdsAsync(bob));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/tasks/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("payload")]
    public async Task Request_TamperedProviderToken_Returns401(string part)
    {
        var alice = await app.Provider.GetAccessTokenAsync("alice");
        var bobsSub = Claims(await app.Provider.GetAccessTokenAsync("bob")).GetProperty("sub").GetString()!;
        var segments = alice.Split('.');
        if (part == "signature")
        {
            // A character in the middle: the last one may only carry padding bits.
            var middle = segments[2].Length / 2;
            segments[2] = segments[2][..middle] + (segments[2][middle] == 'A' ? 'B' : 'A') + segments[2][(middle + 1)..];
        }
        else
        {
            var aliceSub = Claims(alice).GetProperty("sub").GetString()!;
            segments[1] = OidcProvider.Base64Url(System.Text.Encoding.UTF8.GetBytes(Json(segments[1]).Replace(aliceSub, bobsSub, StringComparison.Ordinal)));
        }
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWith(alice).GetAsync("/tasks")).StatusCode);

        await (await app.ClientWith(string.Join('.', segments)).GetAsync("/tasks")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<List<string?>> ListedIdsAsync(HttpClient client) =>
        (await (await client.GetAsync("/tasks?limit=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()).ToList();

    internal static System.Text.Json.JsonElement Claims(string jwt) => System.Text.Json.JsonDocument.Parse(Json(jwt.Split('.')[1])).RootElement;

    private static string Json(string segment) =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/').PadRight((segment.Length + 3) / 4 * 4, '=')));

}
