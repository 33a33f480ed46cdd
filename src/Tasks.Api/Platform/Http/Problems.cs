using Microsoft.AspNetCore.Http.HttpResults;

namespace Tasks.Api.Platform.Http;

/// <summary>The API's RFC 9457 answers, so each kind of failure reads the same everywhere.</summary>
internal static class Problems
{
    public static ProblemHttpResult BadBody(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request body is invalid.");

    public static ValidationProblem BadParameter(string name, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [name] = [message] });

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem($"{what} was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult PreconditionFailed() =>
        TypedResults.Problem("The task has changed since the version named in If-Match; fetch it again and retry.",
            statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed.");

    public static ProblemHttpResult Conflict() =>
        TypedResults.Problem("The task kept changing while this request was applied; retry it.",
            statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    public static ProblemHttpResult IdempotencyKeyReused() =>
        TypedResults.Problem("This Idempotency-Key was already used with a different request body; use a new key for a new request.",
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused.");

    public static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem($"The request body is larger than {maxBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large.");

    public static ProblemHttpResult UnsupportedMediaType(string[] mediaTypes) =>
        TypedResults.Problem($"The request body must be sent as {string.Join(" or ", mediaTypes)} (UTF-8).",
            statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.");
}
