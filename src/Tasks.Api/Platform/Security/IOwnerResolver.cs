namespace Tasks.Api.Platform.Security;

/// <summary>Decides a request's owner; which implementation is chosen once at start from <see cref="AuthOptions.Mode"/>.</summary>
internal interface IOwnerResolver
{
    Owner? Resolve(HttpContext context);
}
