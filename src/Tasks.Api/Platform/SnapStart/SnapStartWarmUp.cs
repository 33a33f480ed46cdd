using System.Diagnostics;
using Lambda.Hosting;
using Microsoft.Extensions.Options;
using Tasks.Api.Platform.Http;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Platform.Security;

namespace Tasks.Api.Platform.SnapStart;

/// <summary>
/// Before the SnapStart snapshot, sends <see cref="HealthEndpoint"/> and every declared <see cref="WarmUpRequest"/>
/// through the whole pipeline (routing, auth, validation, the DynamoDB client), so the restored function starts with
/// that code compiled and its caches filled. None of them counts in the metrics.
/// </summary>
internal sealed class SnapStartWarmUp(
    LambdaWarmUp warmUp, IEnumerable<WarmUpRequest> requests, IOptions<AuthOptions> auth, ILogger<SnapStartWarmUp> logger) : ILambdaSnapStartHook
{
    /// <summary>The subject the warm-up acts as: an empty partition of its own, which no real token carries.</summary>
    public const string Subject = "snapstart-warm-up";

    public async Task BeforeSnapshotAsync(CancellationToken cancellationToken)
    {
        // Claims as the JWT authorizer passes them, so the authenticated routes are warmed too.
        var claims = new Dictionary<string, string> { [OwnerClaims.Subject] = Subject };
        if (auth.Value.Issuer is { Length: > 0 } issuer)
        {
            claims[OwnerClaims.Issuer] = issuer;
        }
        var started = Stopwatch.GetTimestamp();
        var statuses = new List<int>();
        using (MetricsSuppression.Begin())
        {
            statuses.Add(await warmUp.SendAsync("GET", HealthEndpoint.Path, cancellationToken: cancellationToken));
            foreach (var request in requests)
            {
                statuses.Add(await warmUp.SendAsync(request.Method, request.PathAndQuery, request.Body, request.ContentType, claims, cancellationToken));
            }
        }
        logger.LogInformation("SnapStart before-snapshot warm-up: {Count} requests answered {Statuses} in {Elapsed} ms",
            statuses.Count, string.Join(',', statuses), (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task AfterRestoreAsync(CancellationToken cancellationToken)
    {
        // Ids come from the OS's cryptographic generator, which reseeds itself after a restore. DynamoDB connections
        // pooled before the snapshot are dead now: one health read (DescribeTable) meets that here, where its retry
        // costs no caller anything, and leaves a live connection for the first real request.
        int status;
        using (MetricsSuppression.Begin())
        {
            status = await warmUp.SendAsync("GET", HealthEndpoint.Path, cancellationToken: cancellationToken);
        }
        logger.LogInformation("SnapStart after-restore hook ran: GET /health answered {Status}", status);
    }
}
