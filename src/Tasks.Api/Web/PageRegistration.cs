using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Options;
using Tasks.Api.Platform.Security;

namespace Tasks.Api.Web;

/// <summary>The page people use: <c>/</c>, its static assets, and the public sign-in settings it reads.</summary>
internal static class PageRegistration
{
    public static IServiceCollection AddPage(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PageOptions>(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<IndexPage>();
        return services;
    }

    public static WebApplication MapPage(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var page = app.Services.GetRequiredService<IOptions<PageOptions>>().Value;
        var settings = auth.Mode == AuthMode.None
            ? new SignInSettings("none")
            : new SignInSettings("jwt", auth.Issuer, page.ClientId ?? auth.Audience, page.Scopes, NullIfEmpty(page.Resource), NullIfEmpty(page.SignOutUrl));
        var policy = ContentPolicy(new[] { settings.Issuer, settings.SignOutUrl }.OfType<string>().Select(OriginOf).OfType<string>());

        // Under a named API stage the page lives at /dev/: /dev (nothing below the stage, which the host hands on as
        // PathBase /dev and Path /) must end in a slash for the page's relative URLs to resolve.
        app.Use(static (context, next) =>
        {
            var request = context.Request;
            if (request.PathBase.HasValue && request.Path == "/" && HttpMethods.IsGet(request.Method)
                && !RawPathEndsWithSlash(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? ""))
            {
                context.Response.Redirect($"{request.PathBase}/{request.QueryString}");
                return Task.CompletedTask;
            }
            return next(context);
        });
        if (app.Environment.IsDevelopment())
        {
            app.Use(RestoreAssetContentType);
        }
        app.MapStaticAssets().Add(endpoint => endpoint.Metadata.Add(policy));
        app.MapGet("/", IndexPage.Serve).WithMetadata(policy).ExcludeFromDescription();
        app.MapGet("/auth/config", () => TypedResults.Json(settings, PageJsonContext.Default.SignInSettings))
            .WithName("GetSignInSettings").WithTags("Page");
        return app;
    }

    /// <summary>
    /// Run from a build (<c>dotnet run</c>, not a publish), MapStaticAssets answers an asset's gzip variant without a
    /// Content-Type (seen with SDK 10.0.401), and browsers refuse a module or stylesheet without one. The descriptor
    /// the endpoint was built from still names it.
    /// </summary>
    private static Task RestoreAssetContentType(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            if (string.IsNullOrEmpty(context.Response.ContentType)
                && context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is { } asset)
            {
                context.Response.ContentType = asset.ResponseHeaders.FirstOrDefault(h => h.Name == "Content-Type")?.Value;
            }
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    /// <summary>Same-origin everything; <paramref name="signInOrigins"/> are where the page's sign-in code may connect.</summary>
    private static PageContentPolicy ContentPolicy(IEnumerable<string> signInOrigins)
    {
        var connect = string.Join(' ', signInOrigins.Prepend("'self'").Distinct(StringComparer.Ordinal));
        return new($"default-src 'self'; connect-src {connect}; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    private static bool RawPathEndsWithSlash(string target)
    {
        var query = target.IndexOf('?', StringComparison.Ordinal);
        return (query < 0 ? target : target[..query]).EndsWith('/');
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? OriginOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
