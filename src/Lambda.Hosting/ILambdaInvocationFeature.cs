namespace Lambda.Hosting;

/// <summary>The Lambda invocation behind the current request, on <c>HttpContext.Features</c> in Lambda mode.</summary>
public interface ILambdaInvocationFeature
{
    /// <summary>The Lambda request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    string AwsRequestId { get; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    DateTimeOffset Deadline { get; }

    /// <summary>The invoked function ARN, version or alias included.</summary>
    string InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header, when present.</summary>
    string? TraceId { get; }

    /// <summary>The API Gateway request id (<c>requestContext.requestId</c>).</summary>
    string ApiRequestId { get; }

    /// <summary>The API Gateway stage (<c>$default</c> or a name).</summary>
    string Stage { get; }

    /// <summary>JWT authorizer claims; empty without a JWT authorizer.</summary>
    IReadOnlyDictionary<string, string> JwtClaims { get; }

    /// <summary>JWT authorizer scopes; empty when none.</summary>
    IReadOnlyList<string> Scopes { get; }
}
