namespace Tasks.Api.Platform.Security;

internal sealed class OwnerOptions
{
    /// <summary>The key is <c>Tasks:DefaultOwner</c>, as documented and deployed before the platform had its own folder.</summary>
    public const string Section = "Tasks";

    /// <summary>The owner of every request while authentication is off.</summary>
    public string DefaultOwner { get; set; } = "public";
}
