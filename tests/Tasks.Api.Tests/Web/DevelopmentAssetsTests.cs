using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Web;

/// <summary>The page as `./run.sh` serves it (Development, from a build): every asset of the page with its media type.</summary>
public sealed class DevelopmentAssetsTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("identity")]
    public async Task PageAssets_AnyEncoding_CarryTheirContentType(string encoding)
    {
        using var client = app.CreateClient();
        var html = await client.GetStringAsync("/");
        var assets = Regex.Matches(html, "(?:href|src|content)=\"(assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, assets.Count);

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, asset);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "text/css", "text/javascript" });
        }
    }
}
