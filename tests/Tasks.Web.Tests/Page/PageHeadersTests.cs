using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Tasks.Web.Tests.Page;

/// <summary>How the page is served: its own Content-Security-Policy, a revalidated HTML, fingerprinted assets cached for good.</summary>
public abstract class PageHeadersTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : PageApp
{
    [Fact]
    public async Task Html_HasPagePolicy_IsRevalidated_AnswersNotModified()
    {
        using var page = await app.Api.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.True(page.Headers.CacheControl?.NoCache);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.Matches("src=\"assets/app\\.[a-z0-9]+\\.js\"", html);

        using var again = new HttpRequestMessage(HttpMethod.Get, "");
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        using var notModified = await app.Api.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task FingerprintedAsset_IsImmutable_AndCompressed()
    {
        var html = await app.Api.GetStringAsync("");
        var script = Regex.Match(html, "src=\"(assets/app\\.[a-z0-9]+\\.js)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var asset = await app.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal("br", Assert.Single(asset.Content.Headers.ContentEncoding));
        Assert.True(asset.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.Contains("immutable", asset.Headers.CacheControl!.ToString());
        Assert.StartsWith("default-src 'self'", string.Join(' ', asset.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task ApiAnswers_KeepTheirPolicy()
    {
        foreach (var path in new[] { "auth/config", "tasks", "no-such-thing" })
        {
            using var answer = await app.Api.GetAsync(path);
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(' ', answer.Headers.GetValues("Content-Security-Policy")));
            Assert.True(answer.Headers.CacheControl?.NoStore, path);
        }
        Assert.Equal("""{"mode":"none"}""", await app.Api.GetStringAsync("auth/config"));
    }
}

public sealed class KestrelPageHeadersTests(KestrelApp app) : PageHeadersTests<KestrelApp>(app);

public sealed class LambdaPageHeadersTests(LambdaApp app) : PageHeadersTests<LambdaApp>(app);
