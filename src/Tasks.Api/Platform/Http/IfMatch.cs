using Microsoft.Net.Http.Headers;

namespace Tasks.Api.Platform.Http;

/// <summary>A request's If-Match precondition (RFC 9110 section 13.1.1), read once so the write rules need no HttpContext.</summary>
internal sealed record IfMatch(IReadOnlyList<EntityTagHeaderValue> Tags)
{
    public static readonly IfMatch Absent = new([]);

    public bool IsPresent => Tags.Count > 0;

    /// <summary>True when the header is absent, is <c>*</c>, or names <paramref name="version"/> (strong comparison).</summary>
    public bool Allows(long version) =>
        Tags.Count == 0 || Tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag == ETags.For(version)));
}
