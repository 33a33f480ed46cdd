using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LambdaEmulator;

namespace Lambda.Hosting.Tests;

public sealed class FrontDoorTests : IAsyncLifetime
{
    private readonly LambdaTestApp _app = new();
    private HttpFrontDoor? _frontDoor;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        await _app.InitializeAsync();
        _frontDoor = new HttpFrontDoor(_app.Emulator);
        await _frontDoor.StartAsync();
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = _frontDoor.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_frontDoor is not null)
        {
            await _frontDoor.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Get_EncodedPathQueryCookiesAndCommaHeaders_ReachTheAppIntact()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/a%2Fb/c+d?q=a+b&tag=1&tag=2");
        request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)");
        request.Headers.TryAddWithoutValidation("Cookie", "session=abc; theme=dark");

        using var response = await Client.SendAsync(request);
        var echo = JsonSerializer.Deserialize<LambdaTestApp.Echo>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/echo/a%2Fb/c+d", echo.Path);
        Assert.Equal("?q=a+b&tag=1&tag=2", echo.QueryString);
        Assert.Equal(["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"], echo.Headers["user-agent"]);
        Assert.Equal("abc", echo.Cookies["session"]);
        Assert.Equal("dark", echo.Cookies["theme"]);
        Assert.Equal("$default", echo.Stage);
    }

    [Fact]
    public async Task Post_BinaryBody_RoundTripsThroughBase64()
    {
        var bytes = new byte[] { 0, 1, 2, 0xFF, 0xFE, 0x80 };
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await Client.PostAsync("/echo/upload", content);
        var echo = JsonSerializer.Deserialize<LambdaTestApp.Echo>(await response.Content.ReadAsStringAsync(), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        Assert.Equal(bytes, Convert.FromBase64String(echo.Body));
    }

    [Fact]
    public async Task Get_BinaryResponse_ArrivesAsBytes()
    {
        using var response = await Client.GetAsync("/binary");

        Assert.Equal(LambdaTestApp.BinaryBody, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_Cookies_BecomeSeparateSetCookieHeaders()
    {
        using var response = await Client.GetAsync("/cookies");

        Assert.Equal(["a=1; path=/", "b=2; path=/; httponly"], response.Headers.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Get_NoContent_Is204WithoutContentType()
    {
        using var response = await Client.GetAsync("/no-content");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Get_Throws_Is500Problem()
    {
        using var response = await Client.GetAsync("/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":500", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }
}
