using Microsoft.Net.Http.Headers;

namespace Tasks.Api.Platform.Http;

/// <summary>An entity tag is the stored version, quoted: <c>"3"</c>.</summary>
internal static class ETags
{
    public static string For(long version) => $"\"{version}\"";

    /// <summary>
    /// Reads If-Match; false when it is present but names no entity tag (<c>If-Match: abc</c>), which is refused,
    /// never ignored.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out IfMatch ifMatch)
    {
        var tags = request.GetTypedHeaders().IfMatch;
        ifMatch = new IfMatch([.. tags]);
        return request.Headers.IfMatch.Count == 0 || tags.Count > 0;
    }

    /// <summary>If-None-Match: true when it is <c>*</c> or names <paramref name="version"/> (weak comparison).</summary>
    public static bool IfNoneMatchHits(HttpRequest request, long version)
    {
        var tags = request.GetTypedHeaders().IfNoneMatch;
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag == For(version));
    }
}
