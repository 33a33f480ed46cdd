namespace Tasks.Api.Tasks;

/// <summary>A create's idempotency key, the hash of the request that claimed it, and the answer it got.</summary>
internal sealed record IdempotencyClaim(string Key, string RequestHash, string Response, DateTimeOffset ExpiresAt);
