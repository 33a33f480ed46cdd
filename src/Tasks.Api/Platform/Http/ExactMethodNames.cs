using Microsoft.AspNetCore.Routing;

namespace Tasks.Api.Platform.Http;

/// <summary>
/// Method names are case-sensitive (RFC 9110 section 9.1), but routing compares them ignoring case, so
/// <c>delete</c> would reach the DELETE handler past any proxy or WAF rule written for <c>DELETE</c>. Such a
/// near-miss never reaches a handler: it is answered 405 with the route's real methods in <c>Allow</c>, as any
/// other method the route does not have (an unknown name like <c>FOO</c> already is, by routing).
/// </summary>
internal static class ExactMethodNames
{
    public static IApplicationBuilder UseExactMethodNames(this IApplicationBuilder app) => app.Use(static (context, next) =>
    {
        var method = context.Request.Method;
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        if (string.Equals(canonical, method, StringComparison.Ordinal) || context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return next(context);
        }
        var allowed = context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText == endpoint.RoutePattern.RawText)
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            .Distinct(StringComparer.Ordinal);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status405MethodNotAllowed,
                Title = "Method not allowed.",
                Detail = $"Method names are case-sensitive: '{method}' is not {canonical}.",
            },
        }).AsTask();
    });
}
