using Microsoft.AspNetCore.Routing;

namespace Tasks.Api.Platform.Http;

internal static class HealthEndpoint
{
    public const string Path = "/health";

    /// <summary>Plain text <c>Healthy</c> or <c>Unhealthy</c> from the registered health checks, for load balancers and scripts.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(Path).WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
        return app;
    }
}
