using System.Buffers;
using System.Text;
using System.Text.Json;
using Lambda.Hosting.HttpApiV2;
using Microsoft.AspNetCore.Http;

namespace Lambda.Hosting.Tests;

public class ResponseTranslationTests
{
    private static async Task<LambdaResponse> Respond(int status, string? contentType, byte[] body, Action<LambdaResponse>? headers = null)
    {
        var response = new LambdaResponse(HttpApiV2Translator.MaxResponsePayloadBytes) { StatusCode = status };
        if (contentType is not null)
        {
            response.Headers.ContentType = contentType;
        }

        headers?.Invoke(response);
        if (body.Length > 0)
        {
            await response.Stream.WriteAsync(body);
        }

        await response.CompleteAsync();
        return response;
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/problem+json")]
    [InlineData("application/vnd.api+json")]
    [InlineData("text/plain")]
    [InlineData("text/html; charset=UTF-8")]
    [InlineData("application/xml")]
    [InlineData("application/atom+xml")]
    [InlineData("application/javascript")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task CreateResponse_TextualContentType_SendsUtf8Text(string contentType)
    {
        var response = await Respond(200, contentType, Encoding.UTF8.GetBytes("{\"name\":\"café €\"}"));

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.Equal("{\"name\":\"café €\"}", v2.Body);
        Assert.False(v2.IsBase64Encoded);
        Assert.Equal(contentType, v2.Headers!["Content-Type"]);
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("application/pdf")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData(null)]
    public async Task CreateResponse_BinaryContentType_SendsBase64(string? contentType)
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xE9 };
        var response = await Respond(200, contentType, bytes);

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.True(v2.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(v2.Body!));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("text/html; charset=utf-8")]
    public async Task CreateResponse_TextualTypeWithBytesThatAreNotUtf8_SendsBase64(string contentType)
    {
        var bytes = new byte[] { 0x63, 0x61, 0x66, 0xE9, 0xED, 0xA0, 0x80 };
        var response = await Respond(200, contentType, bytes);

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.True(v2.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(v2.Body!));
    }

    [Fact]
    public async Task CreateResponse_GzipEncodedJson_SendsBase64()
    {
        var bytes = new byte[] { 0x1F, 0x8B, 0x08, 0x00 };
        var response = await Respond(200, "application/json", bytes, r => r.Headers.ContentEncoding = "gzip");

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.True(v2.IsBase64Encoded);
        Assert.Equal(bytes, Convert.FromBase64String(v2.Body!));
        Assert.Equal("gzip", v2.Headers!["Content-Encoding"]);
    }

    [Theory]
    [InlineData(204)]
    [InlineData(304)]
    [InlineData(200)]
    public async Task CreateResponse_EmptyBody_HasNoBodyAndNoInventedContentType(int status)
    {
        var response = await Respond(status, null, []);

        var v2 = HttpApiV2Translator.CreateResponse(response);
        var json = JsonSerializer.Serialize(v2, LambdaJsonContext.Default.HttpApiV2Response);

        Assert.Equal(status, v2.StatusCode);
        Assert.Null(v2.Body);
        Assert.False(v2.IsBase64Encoded);
        Assert.Null(v2.Headers);
        Assert.DoesNotContain("Content-Type", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{{\"statusCode\":{status},\"isBase64Encoded\":false}}", json);
    }

    [Fact]
    public async Task CreateResponse_SetCookies_GoToCookiesNotHeaders()
    {
        var response = await Respond(200, null, [], r =>
        {
            r.Headers.Append("Set-Cookie", "a=1; Path=/; HttpOnly");
            r.Headers.Append("Set-Cookie", "b=2; Expires=Thu, 26 Nov 2026 12:00:00 GMT");
            r.Headers.CacheControl = "no-store";
        });

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.Equal(["a=1; Path=/; HttpOnly", "b=2; Expires=Thu, 26 Nov 2026 12:00:00 GMT"], v2.Cookies);
        Assert.False(v2.Headers!.ContainsKey("Set-Cookie"));
        Assert.Equal("no-store", v2.Headers["Cache-Control"]);
    }

    [Fact]
    public async Task CreateResponse_MultiValueHeader_JoinsWithCommaSpace()
    {
        var response = await Respond(200, null, [], r =>
        {
            r.Headers.Append("Vary", "Accept");
            r.Headers.Append("Vary", "Accept-Encoding");
            r.Headers.ETag = "\"3\"";
        });

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.Equal("Accept, Accept-Encoding", v2.Headers!["Vary"]);
        Assert.Equal("\"3\"", v2.Headers["ETag"]);
    }

    [Fact]
    public async Task CreateResponse_ContentLengthHeader_IsLeftToApiGateway()
    {
        var response = await Respond(200, "text/plain", "hi"u8.ToArray(), r => r.Headers.ContentLength = 2);

        var v2 = HttpApiV2Translator.CreateResponse(response);

        Assert.False(v2.Headers!.ContainsKey("Content-Length"));
        Assert.Equal("hi", v2.Body);
    }

    [Fact]
    public async Task Stream_FirstWrite_FiresOnStartingOnceBeforeTheBody()
    {
        var response = new LambdaResponse(1024);
        var calls = new List<string>();
        response.OnStarting(_ => { calls.Add("first-registered"); return Task.CompletedTask; }, new object());
        response.OnStarting(_ => { calls.Add("second-registered"); response.Headers["X-Started"] = "yes"; return Task.CompletedTask; }, new object());

        await response.Stream.WriteAsync("a"u8.ToArray());
        await response.Stream.WriteAsync("b"u8.ToArray());
        await response.CompleteAsync();

        Assert.Equal(["second-registered", "first-registered"], calls);
        Assert.True(response.HasStarted);
        Assert.Equal("yes", response.Headers["X-Started"]);
        Assert.Equal("ab"u8.ToArray(), response.BodyBytes.ToArray());
    }

    [Fact]
    public async Task Writer_UnflushedBytes_AreKeptOnComplete()
    {
        var response = new LambdaResponse(1024);

        response.Writer.Write("pipe"u8);
        await response.CompleteAsync();

        Assert.Equal("pipe"u8.ToArray(), response.BodyBytes.ToArray());
    }

    [Fact]
    public async Task Stream_PastTheLimit_FlagsTooLargeAndStopsBuffering()
    {
        var response = new LambdaResponse(8);

        await response.Stream.WriteAsync(new byte[6]);
        await response.Stream.WriteAsync(new byte[6]);

        Assert.True(response.BodyTooLarge);
        Assert.Equal(0, response.BodyBytes.Length);
    }

    [Fact]
    public void Stream_SynchronousWrite_IsRejectedLikeKestrel()
    {
        var response = new LambdaResponse(1024);

        Assert.Throws<InvalidOperationException>(() => response.Stream.Write("x"u8));
    }

    [Fact]
    public void CreateProblem_ServerError_IsProblemJsonWithRequestId()
    {
        var v2 = HttpApiV2Translator.CreateProblem(500, "An error occurred while processing your request.", null, "req-1");

        using var body = JsonDocument.Parse(v2.Body!);
        Assert.Equal("application/problem+json", v2.Headers!["Content-Type"]);
        Assert.Equal(500, body.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("req-1", body.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.1", body.RootElement.GetProperty("type").GetString());
        Assert.False(body.RootElement.TryGetProperty("detail", out _));
    }
}
