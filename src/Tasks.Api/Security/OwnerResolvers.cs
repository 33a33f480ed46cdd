using Microsoft.Extensions.Options;
using Tasks.Api.Tasks;

namespace Tasks.Api.Security;

internal static class OwnerClaims
{
    public const string Subject = "sub";
}

/// <summary>The token's subject owns the request's tasks.</summary>
internal sealed class SubjectOwnerResolver : IOwnerResolver
{
    public Owner? Resolve(HttpContext context) =>
        context.User.FindFirst(OwnerClaims.Subject)?.Value is { Length: > 0 } subject ? new Owner(subject) : null;
}

/// <summary>With authentication off, one configured owner has everything.</summary>
internal sealed class DefaultOwnerResolver(IOptions<TasksOptions> options) : IOwnerResolver
{
    private readonly Owner _owner = new(options.Value.DefaultOwner);

    public Owner? Resolve(HttpContext context) => _owner;
}
