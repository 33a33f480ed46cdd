using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Tasks.Api.Platform.Http;

/// <summary>304 Not Modified, documented as such (TypedResults has no typed 304).</summary>
internal sealed class NotModified : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public static readonly NotModified Instance = new();

    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
}
