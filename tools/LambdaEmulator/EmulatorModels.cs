namespace LambdaEmulator;

/// <summary>Settings of a <see cref="RuntimeApiEmulator"/>.</summary>
public sealed record RuntimeApiEmulatorOptions
{
    /// <summary>The loopback port of the Runtime API; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The function timeout used for <c>Lambda-Runtime-Deadline-Ms</c> unless an invocation overrides it.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The ARN sent as <c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string FunctionArn { get; init; } = "arn:aws:lambda:us-east-1:123456789012:function:local";

    /// <summary>When true, GET /runtime/restore/next blocks until <see cref="RuntimeApiEmulator.ReleaseRestore"/>.</summary>
    public bool HoldRestore { get; init; }

    /// <summary>Receives one line per Runtime API call (the CLI prints them).</summary>
    public Action<string>? Log { get; init; }
}

/// <summary>Per-invocation overrides.</summary>
public sealed record InvocationOptions
{
    public string? AwsRequestId { get; init; }
    public TimeSpan? Timeout { get; init; }
    public string? TraceId { get; init; } = "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0";
    public string? InvocationId { get; init; }
}

/// <summary>What the runtime posted for one invocation: a response document or an error.</summary>
public sealed record InvocationResult(
    string AwsRequestId,
    string? Response,
    RuntimeError? Error,
    IReadOnlyDictionary<string, string> RequestHeaders)
{
    public bool IsError => Error is not null;

    /// <summary>The deadline sent with the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public DateTimeOffset Deadline { get; init; }

    /// <summary>When the runtime's response or error request reached the emulator.</summary>
    public DateTimeOffset AnsweredAt { get; init; }
}

/// <summary>An error document posted to /error, /init/error or /restore/error, with its error-type header.</summary>
public sealed record RuntimeError(string? ErrorType, string Body);
