using Lambda.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace Tasks.Api.Platform.Http;

/// <summary>
/// Exceptions that are not bugs get their own answer: storage trouble and a request that ran out
/// of time are 503 with Retry-After (a write that may not have happened is never reported as done),
/// and a malformed request caught by the server keeps its 4xx. Everything else stays a 500.
/// </summary>
internal sealed class FaultProblemHandler(IProblemDetailsService problems, ITransientFaults faults, ILogger<FaultProblemHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        int status;
        string title;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            title = "The request is malformed.";
        }
        else if (context.RequestAborted.IsCancellationRequested && context.Features.Get<ILambdaInvocationFeature>() is null
            && exception is OperationCanceledException or IOException)
        {
            // The client left (Kestrel): nobody to answer and nothing for the 5xx alarm. (In Lambda RequestAborted
            // is the deadline, which the hosting layer answers 504 from this same bodiless 499.)
            context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }
        else if (faults.IsTransient(exception) || exception is OperationCanceledException)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            title = "The service is briefly unavailable; retry shortly.";
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            logger.LogWarning(exception, "Answered 503 to request {RequestId}: {Reason}", context.TraceIdentifier, exception.GetType().Name);
        }
        else
        {
            return false;
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title },
        });
    }
}
