namespace Tasks.Api.Platform.Security;

internal enum AuthMode
{
    /// <summary>Callers prove who they are with a JWT; its <c>sub</c> owns the tasks.</summary>
    Jwt,

    /// <summary>Local exploration only: every request belongs to <c>Tasks:DefaultOwner</c>.</summary>
    None,
}
