namespace Lambda.Hosting;

/// <summary>Entry points for code that runs before the host exists.</summary>
public static class LambdaHosting
{
    /// <summary>True when <c>AWS_LAMBDA_RUNTIME_API</c> is set, i.e. the process runs as a Lambda function.</summary>
    public static bool IsLambda => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"));

    /// <summary>
    /// Posts <paramref name="exception"/> to <c>/runtime/init/error</c>; a no-op outside Lambda, after the first
    /// invocation, or when the error was already reported. Only needed for failures before <c>AddLambdaHosting</c>
    /// runs: after it, an exception escaping Program is reported automatically. Exit non-zero afterwards.
    /// </summary>
    public static async Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var runtimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API");
        if (!string.IsNullOrWhiteSpace(runtimeApi))
        {
            await LambdaInitState.For(runtimeApi).ReportAsync(exception, "Runtime.InitError", null, cancellationToken);
        }
    }
}
