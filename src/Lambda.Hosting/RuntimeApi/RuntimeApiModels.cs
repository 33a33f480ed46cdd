namespace Lambda.Hosting.RuntimeApi;

/// <summary>One event handed out by GET /runtime/invocation/next.</summary>
internal sealed record LambdaInvocation(
    string AwsRequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    string? InvocationId,
    byte[] Event);

/// <summary>The documented error document: errorMessage, errorType, stackTrace.</summary>
internal sealed record RuntimeErrorBody(string ErrorMessage, string ErrorType, string[] StackTrace)
{
    public static RuntimeErrorBody From(Exception exception) => new(
        exception.Message,
        exception.GetType().FullName ?? exception.GetType().Name,
        (exception.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>A non-success answer from the Runtime API.</summary>
internal sealed class RuntimeApiException(string path, int statusCode, string body)
    : Exception($"Runtime API {path} answered {statusCode}: {body}")
{
    public int StatusCode { get; } = statusCode;

    // The Runtime API documents 500 as "container error: exit immediately".
    public bool IsFatal => StatusCode >= 500;
}
