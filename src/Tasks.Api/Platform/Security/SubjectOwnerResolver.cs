namespace Tasks.Api.Platform.Security;

/// <summary>The token's subject owns the request's data.</summary>
internal sealed class SubjectOwnerResolver : IOwnerResolver
{
    public Owner? Resolve(HttpContext context) =>
        context.User.FindFirst(OwnerClaims.Subject)?.Value is { Length: > 0 } subject ? new Owner(subject) : null;
}
