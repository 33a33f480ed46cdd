using Microsoft.Extensions.Options;

namespace Tasks.Api.Platform.Security;

/// <summary>With authentication off, one configured owner has everything.</summary>
internal sealed class DefaultOwnerResolver(IOptions<OwnerOptions> options) : IOwnerResolver
{
    private readonly Owner _owner = new(options.Value.DefaultOwner);

    public Owner? Resolve(HttpContext context) => _owner;
}
