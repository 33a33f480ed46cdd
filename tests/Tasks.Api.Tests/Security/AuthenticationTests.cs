using System.Net;
using System.Net.Http.Headers;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Security;

public sealed class AuthenticationTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    public static TheoryData<string, string> BadTokens => new()
    {
        { "wrong issuer", JwtApplication.Token("mallory", issuer: "https://evil.test") },
        { "wrong audience", JwtApplication.Token("mallory", audience: "another-api") },
        { "wrong signature", JwtApplication.Token("mallory", key: Enumerable.Repeat((byte)9, 32).ToArray()) },
        { "expired", JwtApplication.Token("mallory", expires: DateTime.UtcNow.AddMinutes(-10)) },
        { "not a JWT", "not-a-token" },
        { "unsigned", JwtApplication.Token("mallory").Split('.') is var p ? $"{p[0]}.{p[1]}." : "" },
        { "no sub", JwtApplication.Token(null) },
        { "empty sub", JwtApplication.Token("") },
        { "sub of 2,049 characters", JwtApplication.Token(new string('s', 2049)) },
        { "sub of 256 characters", JwtApplication.Token(new string('s', 256)) },
        { "sub with a control character", JwtApplication.Token("a\u0001b") },
        { "expired 2 seconds ago (no clock skew)", JwtApplication.Token("mallory", expires: DateTime.UtcNow.AddSeconds(-2)) },
    };

    [Fact]
    public async Task Request_TokenValidForAFewMoreSeconds_IsAccepted()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JwtApplication.Token("soon-expiring", expires: DateTime.UtcNow.AddSeconds(30)));

        using var response = await client.GetAsync("/tasks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_SubjectOf255Characters_IsTheOwner()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JwtApplication.Token(new string('s', 255)));

        using var response = await client.PostAsync("/tasks", Requests.Json("""{"title":"long subject"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Request_BadToken_Returns401Problem(string reason, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/tasks");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(string.IsNullOrEmpty(reason));
    }

    [Fact]
    public async Task Request_NoToken_Returns401ProblemWithChallenge()
    {
        using var response = await app.CreateClient().PostAsync("/tasks", Requests.Json("""{"title":"anonymous"}"""));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Health_NoToken_Returns200()
    {
        using var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_ValidToken_ActsAsTheTokensSubject()
    {
        var client = app.ClientFor($"user-{Guid.NewGuid():N}");

        var created = await client.CreateTaskAsync("mine");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/tasks/{created.GetProperty("id").GetString()}")).StatusCode);
    }

    [Fact]
    public async Task Owners_RandomInterleavedOperations_NeverSeeOrTouchEachOthersTasks()
    {
        var owners = new[] { app.ClientFor($"alice-{Guid.NewGuid():N}"), app.ClientFor($"bob-{Guid.NewGuid():N}") };
        var mine = new[] { new List<string>(), new List<string>() };
        var random = new Random(20261125);

        for (var step = 0; step < 80; step++)
        {
            var who = random.Next(2);
            var other = 1 - who;
            var client = owners[who];
            switch (random.Next(6))
            {
                case 0 or 1:
                    mine[who].Add((await client.CreateTaskAsync($"step {step}")).GetProperty("id").GetString()!);
                    break;
                case 2 when mine[other].Count > 0:
                    var theirs = mine[other][random.Next(mine[other].Count)];
                    await (await client.GetAsync($"/tasks/{theirs}")).AssertProblemAsync(HttpStatusCode.NotFound);
                    await (await client.PutAsync($"/tasks/{theirs}", Requests.Json("""{"title":"hijack"}"""))).AssertProblemAsync(HttpStatusCode.NotFound);
                    await (await client.PatchAsync($"/tasks/{theirs}", Requests.Json("""{"title":"hijack"}""", "application/merge-patch+json"))).AssertProblemAsync(HttpStatusCode.NotFound);
                    await (await client.DeleteAsync($"/tasks/{theirs}")).AssertProblemAsync(HttpStatusCode.NotFound);
                    break;
                case 3 when mine[who].Count > 0:
                    var own = mine[who][random.Next(mine[who].Count)];
                    Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"/tasks/{own}", Requests.Json($$"""{"title":"edit {{step}}"}"""))).StatusCode);
                    break;
                case 4 when mine[who].Count > 0:
                    var gone = mine[who][random.Next(mine[who].Count)];
                    Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/tasks/{gone}")).StatusCode);
                    mine[who].Remove(gone);
                    break;
                default:
                    var listed = (await (await client.GetAsync("/tasks?limit=100")).ReadJsonAsync()).GetProperty("items")
                        .EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
                    Assert.Equal(mine[who], listed);
                    break;
            }
        }

        // Both owners' tasks are all still there, untouched by the other's attempts.
        for (var who = 0; who < 2; who++)
        {
            var listed = (await (await owners[who].GetAsync("/tasks?limit=100")).ReadJsonAsync()).GetProperty("items")
                .EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
            Assert.Equal(mine[who], listed);
            Assert.DoesNotContain(listed, id => mine[1 - who].Contains(id));
        }
    }
}
