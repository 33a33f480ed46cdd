namespace Lambda.Hosting;

/// <summary>
/// Runs around a SnapStart snapshot when <c>AWS_LAMBDA_INITIALIZATION_TYPE</c> is <c>snap-start</c>.
/// Hooks run in registration order; register with <see cref="LambdaHostingServiceCollectionExtensions.AddLambdaSnapStartHook{THook}"/>.
/// </summary>
public interface ILambdaSnapStartHook
{
    /// <summary>After the app has started, before the snapshot (warm up, drop connections).</summary>
    Task BeforeSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>After the snapshot is restored, before the first invocation (re-seed, refresh credentials).</summary>
    Task AfterRestoreAsync(CancellationToken cancellationToken);
}
