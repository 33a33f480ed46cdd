using System.Text.Json;
using Lambda.Hosting.HttpApiV2;
using Lambda.Hosting.RuntimeApi;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lambda.Hosting;

internal interface IInvocationProcessor
{
    /// <summary>Runs one event through the app; <paramref name="send"/> receives the v2 response document.</summary>
    Task ProcessAsync(LambdaInvocation invocation, Func<InvocationResponse, Task> send, CancellationToken stopping);
}

internal readonly record struct InvocationResponse(int StatusCode, byte[] Json);

internal sealed class InvalidEventException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One invocation, following the lifecycle every ASP.NET Core server follows (as TestHost does).</summary>
internal sealed partial class InvocationProcessor<TContext>(
    IHttpApplication<TContext> application,
    LambdaHostingOptions options,
    ILogger logger) : IInvocationProcessor
    where TContext : notnull
{
    public async Task ProcessAsync(LambdaInvocation invocation, Func<InvocationResponse, Task> send, CancellationToken stopping)
    {
        var evt = Parse(invocation.Event);
        LambdaRequest request;
        LambdaInvocationFeature feature;
        try
        {
            (request, feature) = HttpApiV2Translator.CreateRequest(evt, invocation, options.CustomDomainPathBase);
        }
        catch (FormatException ex)
        {
            throw new InvalidEventException("The event body is not valid base64.", ex);
        }

        var scopeState = new Dictionary<string, object?>
        {
            ["AwsRequestId"] = feature.AwsRequestId,
            ["ApiRequestId"] = feature.ApiRequestId,
        };
        // The X-Ray trace header (Lambda-Runtime-Trace-Id): left out rather than null when the Runtime API sends none.
        if (!string.IsNullOrEmpty(feature.TraceId))
        {
            scopeState["TraceId"] = feature.TraceId;
        }

        using var scope = logger.BeginScope(scopeState);

        request.AbortAfter(invocation.Deadline - options.AbortBeforeDeadline - DateTimeOffset.UtcNow, stopping);
        var response = new LambdaResponse(HttpApiV2Translator.MaxResponsePayloadBytes);
        var features = HttpApiV2Translator.CreateFeatures(request, response, feature);
        JwtAuthorizerUser.Attach(features, feature.JwtClaims);
        var context = application.CreateContext(features);
        Exception? error = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await response.CompleteAsync();
        }
        catch (Exception ex)
        {
            error = ex;
        }

        try
        {
            var v2 = error is null ? Respond(response, request, feature) : Fail(error, request, feature);
            await send(new InvocationResponse(v2.StatusCode, Serialize(v2, feature)));
        }
        finally
        {
            try
            {
                await response.FireOnCompletedAsync();
            }
            catch (Exception ex)
            {
                LogOnCompletedFailed(ex);
                error ??= ex;
            }

            application.DisposeContext(context, error);
            request.Release();
        }
    }

    private static HttpApiV2Request Parse(byte[] json)
    {
        HttpApiV2Request? evt;
        try
        {
            evt = JsonSerializer.Deserialize(json, LambdaJsonContext.Default.HttpApiV2Request);
        }
        catch (JsonException ex)
        {
            throw new InvalidEventException(DescribeUnreadable(json), ex);
        }

        if (evt?.Version is { } version && version != "2.0")
        {
            throw new InvalidEventException(UnsupportedFormat($"payload format version \"{version}\""));
        }

        return evt?.RequestContext?.Http?.Method is null
            ? throw new InvalidEventException(UnsupportedFormat(evt?.Version is null ? "an event without a version" : "an event without requestContext.http.method"))
            : evt;
    }

    /// <summary>Valid JSON that does not bind is a different payload (a number for <c>version</c>, a REST event); say which.</summary>
    private static string DescribeUnreadable(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return UnsupportedFormat($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}");
            }

            return root.TryGetProperty("version", out var version)
                ? UnsupportedFormat(version.ValueKind == JsonValueKind.String
                    ? $"payload format version \"{version.GetString()}\""
                    : $"\"version\": {version.GetRawText()} (a {version.ValueKind.ToString().ToLowerInvariant()}, not the string \"2.0\")")
                : UnsupportedFormat("a JSON object whose fields do not have the payload 2.0 types");
        }
        catch (JsonException)
        {
            return "The event is not valid JSON.";
        }
    }

    private static string UnsupportedFormat(string found) =>
        $"Unsupported event: {found}. Lambda.Hosting reads API Gateway HTTP API events, payload format version \"2.0\" "
        + "(set PayloadFormatVersion: \"2.0\" on the integration; REST APIs, ALB and payload 1.0 are not supported).";

    private HttpApiV2Response Respond(LambdaResponse response, LambdaRequest request, ILambdaInvocationFeature feature)
    {
        if (response.BodyTooLarge)
        {
            return TooLarge(feature);
        }

        // ASP.NET Core's exception handler takes a cancellation of RequestAborted for a client that left: it answers
        // a bodiless 499 instead of rethrowing. Here the client is still waiting; only the deadline came near.
        if (request.DeadlineReached && response.StatusCode == StatusCodes.Status499ClientClosedRequest && response.BodyBytes.IsEmpty)
        {
            return DeadlineProblem(null, feature);
        }

        var v2 = HttpApiV2Translator.CreateResponse(response);
        // Like Kestrel, a HEAD response carries the headers of a GET and no body.
        return HttpMethods.IsHead(request.Method) ? v2 with { Body = null, IsBase64Encoded = false } : v2;
    }

    private HttpApiV2Response Fail(Exception error, LambdaRequest request, ILambdaInvocationFeature feature)
    {
        // Nothing has reached the client yet, so even a started response can still become a clean problem.
        if (error is OperationCanceledException && request.DeadlineReached)
        {
            return DeadlineProblem(error, feature);
        }

        LogUnhandled(error, feature.AwsRequestId);
        return HttpApiV2Translator.CreateProblem(StatusCodes.Status500InternalServerError, "An error occurred while processing your request.", null, feature.AwsRequestId);
    }

    private HttpApiV2Response DeadlineProblem(Exception? error, ILambdaInvocationFeature feature)
    {
        LogDeadline(error);
        return HttpApiV2Translator.CreateProblem(StatusCodes.Status504GatewayTimeout, "The request did not complete before the function's deadline.", null, feature.AwsRequestId);
    }

    private HttpApiV2Response TooLarge(ILambdaInvocationFeature feature)
    {
        LogTooLarge(HttpApiV2Translator.MaxResponsePayloadBytes);
        return HttpApiV2Translator.CreateProblem(
            StatusCodes.Status500InternalServerError,
            "The response is too large for Lambda.",
            "The response exceeds the 6 MB limit of a synchronous Lambda invocation.",
            feature.AwsRequestId);
    }

    private byte[] Serialize(HttpApiV2Response v2, ILambdaInvocationFeature feature)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(v2, LambdaJsonContext.Relaxed.HttpApiV2Response);
        return json.Length <= HttpApiV2Translator.MaxResponsePayloadBytes
            ? json
            : JsonSerializer.SerializeToUtf8Bytes(TooLarge(feature), LambdaJsonContext.Relaxed.HttpApiV2Response);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in invocation {AwsRequestId}; answered 500.")]
    private partial void LogUnhandled(Exception exception, string awsRequestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request was cancelled at the Lambda deadline; answered 504.")]
    private partial void LogDeadline(Exception? exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The response exceeds the {Limit}-byte Lambda payload limit; answered 500.")]
    private partial void LogTooLarge(int limit);

    [LoggerMessage(Level = LogLevel.Error, Message = "An OnCompleted callback failed.")]
    private partial void LogOnCompletedFailed(Exception exception);
}
