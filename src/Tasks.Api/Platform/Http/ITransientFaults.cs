namespace Tasks.Api.Platform.Http;

/// <summary>
/// Tells the storage's passing trouble (throttled, unreachable, briefly failing: answer 503, retry later) from a
/// bug. Implemented next to the storage client, so no SDK type leaks into the rest of the app.
/// </summary>
internal interface ITransientFaults
{
    bool IsTransient(Exception exception);
}
