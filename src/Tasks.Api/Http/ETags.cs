using Microsoft.Net.Http.Headers;

namespace Tasks.Api.Http;

/// <summary>A task's entity tag is its version, quoted: <c>"3"</c>.</summary>
internal static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>If-Match: true when the header is absent, is <c>*</c>, or names <paramref name="version"/> (strong comparison).</summary>
    public static bool IfMatchAllows(HttpRequest request, long version)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        return tags.Count == 0 || tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag == For(version)));
    }

    /// <summary>An If-Match that is present but names no entity tag (<c>If-Match: abc</c>) is refused, never ignored.</summary>
    public static bool IfMatchIsMalformed(HttpRequest request) =>
        request.Headers.IfMatch.Count > 0 && request.GetTypedHeaders().IfMatch.Count == 0;

    /// <summary>If-None-Match: true when it is <c>*</c> or names <paramref name="version"/> (weak comparison).</summary>
    public static bool IfNoneMatchHits(HttpRequest request, long version)
    {
        var tags = request.GetTypedHeaders().IfNoneMatch;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag == For(version));
    }
}
