using System.Diagnostics;
using Lambda.Hosting;

namespace Tasks.Api;

/// <summary>
/// Before the SnapStart snapshot, sends a few requests through the whole pipeline (routing, auth,
/// validation, the DynamoDB client) so the restored function starts with that code compiled and
/// its caches filled. Nothing is written: the calls read, or fail validation before any write.
/// </summary>
internal sealed class SnapStartWarmUp(LambdaWarmUp warmUp, ILogger<SnapStartWarmUp> logger) : ILambdaSnapStartHook
{
    /// <summary>The owner the warm-up reads as; no real token can carry this subject.</summary>
    private static readonly Dictionary<string, string> Claims = new() { ["sub"] = "snapstart-warm-up" };

    public async Task BeforeSnapshotAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var unknown = Guid.CreateVersion7().ToString();
        int[] statuses =
        [
            await warmUp.SendAsync("GET", "/health", cancellationToken: cancellationToken),
            await warmUp.SendAsync("GET", "/tasks?limit=1", jwtClaims: Claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("GET", $"/tasks/{unknown}", jwtClaims: Claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("POST", "/tasks", """{"title":""}""", jwtClaims: Claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("PUT", $"/tasks/{unknown}", """{"title":"warm-up"}""", jwtClaims: Claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("PATCH", $"/tasks/{unknown}", """{"status":"done"}""", "application/merge-patch+json", Claims, cancellationToken),
        ];
        logger.LogInformation("SnapStart before-snapshot warm-up: {Count} requests answered {Statuses} in {Elapsed} ms",
            statuses.Length, string.Join(',', statuses), (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task AfterRestoreAsync(CancellationToken cancellationToken)
    {
        // Ids come from the OS's cryptographic generator, which reseeds itself after a restore; pooled
        // DynamoDB connections from before the snapshot fail once and the SDK's retry opens new ones.
        logger.LogInformation("SnapStart after-restore hook ran");
        return Task.CompletedTask;
    }
}
