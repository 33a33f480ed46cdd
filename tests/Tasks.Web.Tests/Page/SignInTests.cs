using System.Net;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;

namespace Tasks.Web.Tests.Page;

/// <summary>
/// Sign-in on the page against a real OpenID provider (tools/oidc, oidc-provider): authorization code + PKCE with
/// oauth4webapi, tokens in memory only, one owner per user.
/// </summary>
public abstract class SignInTests<TApp>(TApp app) : PageTest<TApp>(app)
    where TApp : PageApp
{
    [Fact]
    public async Task SignedOut_ShowsOnlySignIn_AndIsAccessible()
    {
        await Expect(Page.Locator(".sign-in")).ToBeVisibleAsync();
        await Expect(NewTodo).ToBeHiddenAsync();
        var axe = await Page.RunAxe();
        Assert.DoesNotContain(axe.Violations, v => v.Impact is "serious" or "critical");
    }

    [Fact]
    public async Task Alice_SignsInAddsAndSignsOut_Bob_SeesNoneOfHerTasks()
    {
        await SignInAsync("alice", "alice-password");
        await Expect(Page.Locator(".who")).ToHaveTextAsync("Alice Example");
        await AddAsync("Alice's first", "Alice's second");
        Assert.Equal(0, await Page.EvaluateAsync<int>("localStorage.length"));

        await Page.Locator(".sign-out").ClickAsync();
        await Expect(Page.Locator(".sign-in")).ToBeVisibleAsync();
        await Expect(Items).ToHaveCountAsync(0);

        await SignInAsync("bob", "bob-password");
        await Expect(Page.Locator(".who")).ToHaveTextAsync("Bob Example");
        await Expect(Items).ToHaveCountAsync(0);
        await AddAsync("Bob's only");

        await App.SignInAsAsync("alice");
        // As a set: ids made in the same millisecond are not ordered among themselves.
        Assert.Equal(["Alice's first", "Alice's second"], (await App.ListAsync()).Select(t => t.GetProperty("title").GetString()).Order());
        await App.SignInAsAsync("bob");
        Assert.Equal(["Bob's only"], (await App.ListAsync()).Select(t => t.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task TamperedState_IsRefused_NobodySignedIn()
    {
        // The provider's answer arrives with another state than the one this page sent (a forged or replayed callback).
        await Page.Context.AddInitScriptAsync("""
            if (new URLSearchParams(location.search).has('code')) {
              history.replaceState(null, '', location.href.replace(/state=[^&]+/, 'state=forged'));
            }
            """);
        await Page.Locator(".sign-in").ClickAsync();
        await Page.Locator("input[name=login]").FillAsync("alice");
        await Page.Locator("input[name=password]").FillAsync("alice-password");
        await Page.Locator("button[type=submit]").ClickAsync();

        await Expect(Problem).ToContainTextAsync("Sign-in failed");
        await Expect(Page.Locator(".sign-in")).ToBeVisibleAsync();
        await Expect(Page.Locator(".account")).ToBeHiddenAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"^[^?]*$"));
    }

    [Fact]
    public async Task SessionEnded_401_SignsInAgain_KeepsWhatWasTyped()
    {
        await SignInAsync("alice", "alice-password");
        var refused = false;
        // The answer the HTTP API's authorizer (and JwtBearer) gives an expired token: 401, once.
        await Page.RouteAsync("**/tasks", async route =>
        {
            if (!refused)
            {
                refused = true;
                await route.FulfillAsync(new() { Status = 401, ContentType = "application/json", Body = """{"message":"Unauthorized"}""" });
                return;
            }
            await route.ContinueAsync();
        });
        await NewTodo.FillAsync("Typed before the session ended");
        await NewTodo.PressAsync("Enter");

        // The provider still has Alice's session: it sends her straight back with a new code.
        await Expect(Page.Locator(".who")).ToHaveTextAsync("Alice Example");
        await Expect(NewTodo).ToHaveValueAsync("Typed before the session ended");
        await NewTodo.PressAsync("Enter");
        await Expect(Page.Locator(".status-line")).ToHaveTextAsync("Added “Typed before the session ended”.");
        Assert.True(refused);
    }

    [Fact]
    public async Task Api_ForgedOrMissingToken_Is401()
    {
        await App.SignInAsAsync(null);
        using var anonymous = await App.Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "tasks"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var token = await App.Authorizer!.GetAccessTokenAsync("alice");
        var forged = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        using var request = new HttpRequestMessage(HttpMethod.Get, "tasks");
        request.Headers.Authorization = new("Bearer", forged);
        using var refused = await App.Api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        // Through the front door the authorizer refuses it, as API Gateway does, before the function runs.
        var body = await refused.Content.ReadAsStringAsync();
        if (App is LambdaApp)
        {
            Assert.Equal("""{"message":"Unauthorized"}""", body);
        }
        else
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task SignInAsync(string user, string password)
    {
        await Page.Locator(".sign-in").ClickAsync();
        await Page.Locator("input[name=login]").FillAsync(user);
        await Page.Locator("input[name=password]").FillAsync(password);
        await Page.Locator("button[type=submit]").ClickAsync();
        await Expect(Page.Locator(".account")).ToBeVisibleAsync();
        await Expect(Page.Locator(".todo-list")).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(Page).ToHaveURLAsync(new Regex(@"^[^?]*$"));
    }
}

public sealed class KestrelSignInTests(KestrelSignInApp app) : SignInTests<KestrelSignInApp>(app);

public sealed class LambdaSignInTests(LambdaSignInApp app) : SignInTests<LambdaSignInApp>(app);
