namespace Tasks.Api.Platform.SnapStart;

/// <summary>
/// One request the SnapStart warm-up sends through the whole pipeline before the snapshot. Features declare theirs;
/// a warm-up request must not write (send ones that read, or that fail validation before any write).
/// </summary>
internal sealed record WarmUpRequest(string Method, string PathAndQuery, string? Body = null, string ContentType = "application/json");
