namespace Tasks.Api.Platform.Http;

/// <summary>The idempotency headers (IETF draft "The Idempotency-Key HTTP Header Field"), as CORS and endpoints name them.</summary>
internal static class IdempotencyHeaders
{
    public const string Key = "Idempotency-Key";
    public const string Replayed = "Idempotent-Replayed";
}
