using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

public sealed class TaskCrudTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Post_ValidTask_Returns201WithLocationETagAndTrimmedDefaults()
    {
        using var response = await _client.PostAsync("/tasks", Requests.Json("""{"title":"  Buy milk  ","dueDate":"2026-12-24"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.ReadJsonAsync();
        var id = task.GetProperty("id").GetString()!;
        Assert.Equal($"/tasks/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Buy milk", task.GetProperty("title").GetString());
        Assert.Equal("todo", task.GetProperty("status").GetString());
        Assert.Equal("2026-12-24", task.GetProperty("dueDate").GetString());
        Assert.Equal(1, task.GetProperty("version").GetInt64());
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.EndsWith("Z", task.GetProperty("createdAt").GetString());
        Assert.Equal(task.GetProperty("createdAt").GetString(), task.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task Get_ExistingTask_Returns200WithSameBodyAndETag()
    {
        var created = await _client.CreateTaskAsync("Read a book", description: "Chapter 1");
        var id = created.GetProperty("id").GetString();

        using var response = await _client.GetAsync($"/tasks/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(created.GetRawText(), (await response.ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Get_IfNoneMatchCurrentETag_Returns304WithoutBody()
    {
        var id = (await _client.CreateTaskAsync("Cached")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tasks/{id}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_IfNoneMatchOldETag_Returns200()
    {
        var id = (await _client.CreateTaskAsync("Changed")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/tasks/{id}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"7\""));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404Problem()
    {
        using var response = await _client.GetAsync($"/tasks/{Guid.CreateVersion7()}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Put_ValidBody_ReplacesEditableFieldsAndBumpsVersion()
    {
        var created = await _client.CreateTaskAsync("Draft", status: "in_progress", description: "old");
        var id = created.GetProperty("id").GetString();

        using var response = await _client.PutAsync($"/tasks/{id}", Requests.Json("""{"title":"Final","status":"done"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var task = await response.ReadJsonAsync();
        Assert.Equal("Final", task.GetProperty("title").GetString());
        Assert.Equal("done", task.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("description").ValueKind);
        Assert.Equal(2, task.GetProperty("version").GetInt64());
        Assert.Equal(created.GetProperty("createdAt").GetString(), task.GetProperty("createdAt").GetString());
        var stored = await (await _client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal(task.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task Put_CurrentIfMatch_Returns200()
    {
        var id = (await _client.CreateTaskAsync("Guarded")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}") { Content = Requests.Json("""{"title":"Guarded 2"}""") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_StaleIfMatch_Returns412AndLeavesTaskUnchanged()
    {
        var created = await _client.CreateTaskAsync("Keep me");
        var id = created.GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/tasks/{id}") { Content = Requests.Json("""{"title":"Lost update"}""") };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"5\""));

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var stored = await (await _client.GetAsync($"/tasks/{id}")).ReadJsonAsync();
        Assert.Equal(created.GetRawText(), stored.GetRawText());
    }

    [Fact]
    public async Task Put_UnknownId_Returns404AndCreatesNothing()
    {
        var id = Guid.CreateVersion7();

        using var response = await _client.PutAsync($"/tasks/{id}", Requests.Json("""{"title":"Ghost"}"""));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_MergePatch_ChangesNamedFieldsRemovesNullsKeepsTheRest()
    {
        var created = await _client.CreateTaskAsync("Patch me", description: "to be removed");
        var id = created.GetProperty("id").GetString();

        using var response = await _client.PatchAsync($"/tasks/{id}",
            Requests.Json("""{"status":"in_progress","description":null,"dueDate":"2027-01-31"}""", "application/merge-patch+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        var task = await response.ReadJsonAsync();
        Assert.Equal("Patch me", task.GetProperty("title").GetString());
        Assert.Equal("in_progress", task.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, task.GetProperty("description").ValueKind);
        Assert.Equal("2027-01-31", task.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task Patch_NullTitle_Returns400AndLeavesTaskUnchanged()
    {
        var created = await _client.CreateTaskAsync("Required title");
        var id = created.GetProperty("id").GetString();

        using var response = await _client.PatchAsync($"/tasks/{id}", Requests.Json("""{"title":null}""", "application/merge-patch+json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(created.GetRawText(), (await (await _client.GetAsync($"/tasks/{id}")).ReadJsonAsync()).GetRawText());
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Returns412()
    {
        var id = (await _client.CreateTaskAsync("Patch guarded")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/tasks/{id}")
        {
            Content = Requests.Json("""{"status":"done"}""", "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"2\""));

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Patch_UnknownId_Returns404()
    {
        using var response = await _client.PatchAsync($"/tasks/{Guid.CreateVersion7()}",
            Requests.Json("""{"status":"done"}""", "application/merge-patch+json"));

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ExistingTask_Returns204ThenGetReturns404()
    {
        var id = (await _client.CreateTaskAsync("Delete me")).GetProperty("id").GetString();

        using var response = await _client.DeleteAsync($"/tasks/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
        await (await _client.GetAsync($"/tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.DeleteAsync($"/tasks/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_StaleIfMatch_Returns412AndKeepsTask()
    {
        var id = (await _client.CreateTaskAsync("Survivor")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/tasks/{id}");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"9\""));

        using var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/tasks/{id}")).StatusCode);
    }

    [Fact]
    public async Task Delete_CurrentIfMatch_Returns204()
    {
        var id = (await _client.CreateTaskAsync("Delete guarded")).GetProperty("id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/tasks/{id}");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Health_DynamoDbAnswers_Returns200()
    {
        using var response = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SwaggerJson_InDevelopment_DescribesEveryOperation()
    {
        using var response = await _client.GetAsync("/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.ReadJsonAsync()).GetProperty("paths");
        var tasks = paths.GetProperty("/tasks");
        var task = paths.GetProperty("/tasks/{id}");
        Assert.True(tasks.TryGetProperty("get", out var list));
        Assert.True(tasks.TryGetProperty("post", out _));
        foreach (var method in new[] { "get", "put", "patch", "delete" })
        {
            Assert.True(task.TryGetProperty(method, out _), method);
        }
        var parameters = list.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToArray();
        Assert.Equal(new string?[] { "status", "limit", "cursor" }, parameters);
        var put = task.GetProperty("put");
        Assert.Contains(put.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match");
        foreach (var status in new[] { "200", "400", "401", "404", "409", "412", "413", "415", "503" })
        {
            Assert.True(put.GetProperty("responses").TryGetProperty(status, out _), $"PUT documents {status}");
        }
        Assert.Contains(tasks.GetProperty("post").GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.True(task.GetProperty("get").GetProperty("responses").TryGetProperty("304", out _));
        var health = paths.GetProperty("/health").GetProperty("get").GetProperty("responses");
        Assert.True(health.TryGetProperty("200", out _) && health.TryGetProperty("503", out _));
    }

    [Fact]
    public async Task SwaggerUi_InDevelopment_ServesThePage()
    {
        using var response = await _client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }
}
