using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

public sealed class ResponseHeaderTests(ResponseHeaderTests.CorsApplication app) : IClassFixture<ResponseHeaderTests.CorsApplication>
{
    public const string AllowedOrigin = "https://app.tasks.test";

    [Fact]
    public async Task TaskData_AnyAnswer_CarriesNoSniffNoStoreAndNoFraming()
    {
        var client = app.CreateClient();
        var created = await client.CreateTaskAsync("headers");

        using var response = await client.GetAsync($"/tasks/{created.GetProperty("id").GetString()}");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Problem_NotFound_CarriesTheSameHeaders()
    {
        using var response = await app.CreateClient().GetAsync($"/tasks/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Cors_PreflightFromConfiguredOrigin_IsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/tasks");
        request.Headers.Add("Origin", AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "if-match,content-type");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task Cors_RequestFromConfiguredOrigin_ExposesTheHeadersTheHttpApiExposes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tasks");
        request.Headers.Add("Origin", AllowedOrigin);

        using var response = await app.CreateClient().SendAsync(request);

        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").Single()
            .Split(',', StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant()).Order();
        // The same list as the HTTP API's CorsConfiguration in serverless.template, so a page behaves alike on both.
        Assert.Equal(TemplateExposedHeaders().Order(), exposed);
    }

    [Fact]
    public async Task Cors_RequestFromOtherOrigin_GetsNoAllowOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tasks");
        request.Headers.Add("Origin", "https://evil.test");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static IEnumerable<string> TemplateExposedHeaders()
    {
        using var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "serverless.template")));
        var cors = template.RootElement.GetProperty("Resources").GetProperty("TasksApi").GetProperty("Properties")
            .GetProperty("CorsConfiguration").GetProperty("Fn::If")[1];
        return [.. cors.GetProperty("ExposeHeaders").EnumerateArray().Select(h => h.GetString()!.ToLowerInvariant())];
    }

    public sealed class CorsApplication : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.UseSetting("Security:CorsOrigins:0", AllowedOrigin);
    }
}

public sealed class RateLimitTests(RateLimitTests.LimitedApplication app) : IClassFixture<RateLimitTests.LimitedApplication>
{
    [Fact]
    public async Task Requests_OverTheBurst_Answer429ProblemWithRetryAfter()
    {
        var client = app.ClientFor($"burst-{Guid.NewGuid():N}");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await client.GetAsync("/tasks"));
        }

        // A burst of 3, refilled by one a second: the first three pass, and eight in a row cannot all pass.
        Assert.All(responses.Take(3), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        using var problem = System.Text.Json.JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Requests_OneOwnerOverTheLimit_OtherOwnerStillServed()
    {
        var greedy = app.ClientFor($"greedy-{Guid.NewGuid():N}");
        for (var i = 0; i < 8; i++)
        {
            await greedy.GetAsync("/tasks");
        }

        using var other = await app.ClientFor($"polite-{Guid.NewGuid():N}").GetAsync("/tasks");

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    public sealed class LimitedApplication : TasksApplication
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            new JwtSettings().Apply(builder);
            builder.UseSetting("Security:RateLimitEnabled", "true");
            builder.UseSetting("Security:RateLimitBurst", "3");
            builder.UseSetting("Security:RateLimitPerSecond", "1");
        }

        public HttpClient ClientFor(string subject)
        {
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", JwtApplication.Token(subject));
            return client;
        }
    }
}
