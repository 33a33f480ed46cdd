using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Persistence;

/// <summary>Which DynamoDB failures are the service's trouble (answer 503, try later) rather than a bug.</summary>
internal sealed class DynamoDbTransientFaults : ITransientFaults
{
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "TransactionConflictException",
    };

    /// <summary>No answer at all: refused, reset, timed out.</summary>
    public static bool IsUnreachable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException or TimeoutException or TaskCanceledException)
            {
                return true;
            }
        }
        return false;
    }

    public bool IsTransient(Exception exception) =>
        IsUnreachable(exception)
        || exception is ContendedWriteException
        || exception is AmazonDynamoDBException { ErrorCode: not null } d && TransientCodes.Contains(d.ErrorCode)
        || exception is AmazonServiceException { StatusCode: >= System.Net.HttpStatusCode.InternalServerError };
}
