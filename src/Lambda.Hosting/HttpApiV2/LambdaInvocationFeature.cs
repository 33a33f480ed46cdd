namespace Lambda.Hosting.HttpApiV2;

internal sealed class LambdaInvocationFeature : ILambdaInvocationFeature
{
    public required string AwsRequestId { get; init; }
    public required DateTimeOffset Deadline { get; init; }
    public required string InvokedFunctionArn { get; init; }
    public string? TraceId { get; init; }
    public required string ApiRequestId { get; init; }
    public required string Stage { get; init; }
    public required IReadOnlyDictionary<string, string> JwtClaims { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
}
