namespace Tasks.Api.Platform.Security;

internal static class OwnerClaims
{
    public const string Subject = "sub";
    public const string Issuer = "iss";

    /// <summary>OpenID Connect Core section 2: at most 255 characters; this keeps an owner key far inside DynamoDB's 2,048 bytes.</summary>
    public const int MaxSubjectLength = 255;

    /// <summary>Whether a <c>sub</c> can own data: present, not empty, not over-long, no control characters. Otherwise the caller has no identity (401).</summary>
    public static bool IsUsableSubject(string? subject) =>
        subject is { Length: > 0 and <= MaxSubjectLength } && !subject.Any(char.IsControl);
}
