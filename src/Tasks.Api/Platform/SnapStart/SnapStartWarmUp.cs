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

    /// <summary>How long the after-restore reconnect may take before the restore carries on without it.</summary>
    public static readonly TimeSpan AfterRestoreBudget = TimeSpan.FromSeconds(1);

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
        // pooled before the snapshot are dead now: one health read (DescribeTable) reconnects here rather than in the
        // first caller's request. Lambda fails a restore whose hooks pass 10 s (SnapStartTimeoutException), and bills
        // the restore to the first caller, so the read gets AfterRestoreBudget and its failure is ignored: a degraded
        // DynamoDB then costs the restore about that long, never the SDK's retries.
        var started = Stopwatch.GetTimestamp();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(AfterRestoreBudget);
        string outcome;
        try
        {
            using (MetricsSuppression.Begin())
            {
                outcome = (await warmUp.SendAsync("GET", HealthEndpoint.Path, cancellationToken: budget.Token).WaitAsync(budget.Token))
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            outcome = e is OperationCanceledException ? $"nothing within {AfterRestoreBudget.TotalMilliseconds} ms, ignored" : $"{e.GetType().Name}, ignored";
        }
        logger.LogInformation("SnapStart after-restore hook ran: GET /health answered {Outcome} in {Elapsed} ms",
            outcome, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
