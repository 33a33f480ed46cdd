using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Lambda.Hosting.RuntimeApi;

/// <summary>The Lambda Runtime API, version 2018-06-01.</summary>
internal sealed class RuntimeApiClient : IDisposable
{
    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string InvocationIdHeader = "Lambda-Runtime-Invocation-Id";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    public RuntimeApiClient(string runtimeApi)
    {
        var handler = new SocketsHttpHandler
        {
            // The Runtime API is on loopback; an HTTP(S)_PROXY in the environment must not capture it.
            UseProxy = false,
            AllowAutoRedirect = false,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // /next is a long poll that legitimately waits as long as the function is idle.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, "runtime/invocation/next", cancellationToken);
        var headers = response.Headers;
        var requestId = Single(headers, RequestIdHeader) ?? throw new InvalidOperationException($"The Runtime API sent no {RequestIdHeader}.");
        var deadline = long.TryParse(Single(headers, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new LambdaInvocation(
            requestId,
            deadline,
            Single(headers, FunctionArnHeader) ?? "",
            Single(headers, TraceIdHeader),
            Single(headers, InvocationIdHeader),
            body);
    }

    public Task PostResponseAsync(LambdaInvocation invocation, byte[] responseJson, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(responseJson);
        content.Headers.ContentType = Json;
        return PostAsync($"runtime/invocation/{invocation.AwsRequestId}/response", content, invocation.InvocationId, null, cancellationToken);
    }

    public Task PostInvocationErrorAsync(LambdaInvocation invocation, Exception exception, string errorType, CancellationToken cancellationToken) =>
        PostAsync($"runtime/invocation/{invocation.AwsRequestId}/error", ErrorContent(exception), invocation.InvocationId, errorType, cancellationToken);

    public Task PostInitErrorAsync(Exception exception, string errorType, CancellationToken cancellationToken) =>
        PostAsync("runtime/init/error", ErrorContent(exception), null, errorType, cancellationToken);

    public Task PostRestoreErrorAsync(Exception exception, string errorType, CancellationToken cancellationToken) =>
        PostAsync("runtime/restore/error", ErrorContent(exception), null, errorType, cancellationToken);

    /// <summary>Blocks until Lambda restores the snapshot taken while this call was pending.</summary>
    public async Task RestoreNextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/restore/next", cancellationToken);
        await EnsureSuccessAsync(response, "runtime/restore/next", cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task PostAsync(string path, HttpContent content, string? invocationId, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (invocationId is not null)
        {
            request.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        }

        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
    }

    private static ByteArrayContent ErrorContent(Exception exception)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(RuntimeErrorBody.From(exception), LambdaJsonContext.Default.RuntimeErrorBody));
        content.Headers.ContentType = Json;
        return content;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new RuntimeApiException(path, (int)response.StatusCode, body);
        }
    }

    private static string? Single(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
