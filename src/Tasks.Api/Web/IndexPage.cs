using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Net.Http.Headers;

namespace Tasks.Api.Web;

/// <summary>
/// <c>Web/index.html</c> (embedded in the assembly) with every asset path replaced by the fingerprinted name <c>MapStaticAssets</c> serves it
/// under (cached for a year, immutable), so that only the page itself is revalidated. Built once, on first use.
/// </summary>
internal sealed partial class IndexPage(EndpointDataSource endpoints)
{
    private readonly Lazy<(byte[] Body, EntityTagHeaderValue ETag)> _page = new(() => Build(endpoints));

    public static IResult Serve(HttpContext context, IndexPage page)
    {
        var (body, etag) = page._page.Value;
        var headers = context.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        if (context.Request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(body, "text/html; charset=utf-8");
    }

    private static (byte[], EntityTagHeaderValue) Build(EndpointDataSource endpoints)
    {
        using var reader = new StreamReader(typeof(IndexPage).Assembly.GetManifestResourceStream("Tasks.Api.Web.index.html")!);
        var html = reader.ReadToEnd();
        var fingerprinted = endpoints.Endpoints
            .Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>())
            .OfType<StaticAssetDescriptor>()
            .Where(d => d.Selectors.Count == 0 && d.Properties.Any(p => p.Name == "fingerprint"))
            .Select(d => (Label: d.Properties.First(p => p.Name == "label").Value, d.Route))
            .DistinctBy(d => d.Label)
            .ToDictionary(d => d.Label, d => d.Route, StringComparer.Ordinal);
        html = AssetReference().Replace(html, m =>
            fingerprinted.TryGetValue(m.Groups["path"].Value, out var route) ? $"{m.Groups["attr"].Value}=\"{route}\"" : m.Value);
        var body = Encoding.UTF8.GetBytes(html);
        return (body, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..16]}\""));
    }

    [GeneratedRegex("(?<attr>href|src|content)=\"(?<path>assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
