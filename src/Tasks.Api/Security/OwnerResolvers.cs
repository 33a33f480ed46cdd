using Microsoft.Extensions.Options;
using Tasks.Api.Tasks;

namespace Tasks.Api.Security;

internal static class OwnerClaims
{
    public const string Subject = "sub";

    /// <summary>OpenID Connect Core section 2: at most 255 characters; this keeps an owner key far inside DynamoDB's 2,048 bytes.</summary>
    public const int MaxSubjectLength = 255;

    /// <summary>Whether a <c>sub</c> can own tasks: present, not empty, not over-long, no control characters. Otherwise the caller has no identity (401).</summary>
    public static bool IsUsableSubject(string? subject) =>
        subject is { Length: > 0 and <= MaxSubjectLength } && Text.IsClean(subject, allowLineBreaks: false);
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
