using System.Diagnostics;
using Lambda.Hosting;
using Microsoft.Extensions.Options;
using Tasks.Api.Security;

namespace Tasks.Api;

/// <summary>
/// Before the SnapStart snapshot, sends a few requests through the whole pipeline (routing, auth,
/// validation, the DynamoDB client) so the restored function starts with that code compiled and
/// its caches filled. Nothing is written: the calls read, or fail validation before any write.
/// </summary>
internal sealed class SnapStartWarmUp(LambdaWarmUp warmUp, IOptions<AuthOptions> auth, ILogger<SnapStartWarmUp> logger) : ILambdaSnapStartHook
{
    public async Task BeforeSnapshotAsync(CancellationToken cancellationToken)
    {
        // Claims as the JWT authorizer would pass them, so the authenticated routes are warmed too. The
        // subject reads an empty partition of its own; no real token carries it.
        var claims = new Dictionary<string, string> { ["sub"] = "snapstart-warm-up" };
        if (auth.Value.Issuer is { Length: > 0 } issuer)
        {
            claims["iss"] = issuer;
        }
        var started = Stopwatch.GetTimestamp();
        var unknown = Guid.CreateVersion7().ToString();
        int[] statuses =
        [
            await warmUp.SendAsync("GET", "/health", cancellationToken: cancellationToken),
            await warmUp.SendAsync("GET", "/tasks?limit=1", jwtClaims: claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("GET", $"/tasks/{unknown}", jwtClaims: claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("POST", "/tasks", """{"title":""}""", jwtClaims: claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("PUT", $"/tasks/{unknown}", """{"title":"warm-up"}""", jwtClaims: claims, cancellationToken: cancellationToken),
            await warmUp.SendAsync("PATCH", $"/tasks/{unknown}", """{"status":"done"}""", "application/merge-patch+json", claims, cancellationToken),
        ];
        logger.LogInformation("SnapStart before-snapshot warm-up: {Count} requests answered {Statuses} in {Elapsed} ms",
            statuses.Length, string.Join(',', statuses), (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task AfterRestoreAsync(CancellationToken cancellationToken)
    {
        // Ids come from the OS's cryptographic generator, which reseeds itself after a restore. DynamoDB connections
        // pooled before the snapshot are dead now: one health read (DescribeTable) meets that here, where its retry
        // costs no caller anything, and leaves a live connection for the first real request.
        var status = await warmUp.SendAsync("GET", "/health", cancellationToken: cancellationToken);
        logger.LogInformation("SnapStart after-restore hook ran: GET /health answered {Status}", status);
    }
}
