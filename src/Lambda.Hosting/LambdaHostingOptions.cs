namespace Lambda.Hosting;

/// <summary>Settings for <see cref="LambdaHostingServiceCollectionExtensions.AddLambdaHosting(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{LambdaHostingOptions})"/>.</summary>
public sealed class LambdaHostingOptions
{
    /// <summary>
    /// The Runtime API address (host:port). Defaults to the <c>AWS_LAMBDA_RUNTIME_API</c> environment variable;
    /// when neither is set, Lambda hosting stays off and Kestrel serves the app.
    /// </summary>
    public string? RuntimeApi { get; set; }

    /// <summary>
    /// How long before the Lambda deadline <c>HttpContext.RequestAborted</c> fires. 500 ms leaves room for the app
    /// to observe the cancellation, write a problem response and post it over loopback before Lambda kills the sandbox,
    /// while costing under 2% of a typical 30 s API timeout.
    /// </summary>
    public TimeSpan AbortBeforeDeadline { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A path prefix that requests reaching the function through a custom domain carry and the app should not
    /// route on, e.g. the API mapping key <c>/tasks</c> of <c>https://api.example.com/tasks/...</c>: moved to
    /// <c>PathBase</c> when a path starts with it (on a segment boundary). Starts with <c>/</c>, no trailing
    /// <c>/</c>. Defaults to the <c>LAMBDA_CUSTOM_DOMAIN_PATH_BASE</c> environment variable. Requests to the
    /// <c>execute-api</c> domain are not affected: there the named stage prefix is moved to PathBase instead.
    /// </summary>
    public string? CustomDomainPathBase { get; set; }

    /// <summary>Overrides <c>AWS_LAMBDA_INITIALIZATION_TYPE</c> (tests).</summary>
    internal string? InitializationType { get; set; }

    /// <summary>Whether a fatal Runtime API error sets a non-zero process exit code (off in in-process tests).</summary>
    internal bool SetExitCodeOnFatalError { get; set; } = true;

    /// <summary>Whether unhandled exceptions before the first invocation are posted to /runtime/init/error.</summary>
    internal bool ReportUnhandledExceptions { get; set; } = true;
}
