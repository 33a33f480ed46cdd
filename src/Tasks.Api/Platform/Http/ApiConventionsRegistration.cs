using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
#if OPENAPI
using Tasks.Api.Platform.OpenApi;
#endif

namespace Tasks.Api.Platform.Http;

/// <summary>The conventions every endpoint shares: strict JSON, RFC 9457 errors, OpenAPI in Development (not in a Native AOT build).</summary>
internal static class ApiConventionsRegistration
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<FaultProblemHandler>();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
            // The web defaults match names case-insensitively: {"Title":..} would bind to title although the
            // contract names it title and unknown fields are refused. A differently cased name is an unknown field.
            o.SerializerOptions.PropertyNameCaseInsensitive = false;
        });
        if (environment.IsDevelopment())
        {
#if OPENAPI
            services.AddOpenApiDocs();
#endif
        }
        return services;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The request id travels in every problem body; a stack trace never does.
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseExactMethodNames();
        if (app.Environment.IsDevelopment())
        {
#if OPENAPI
            app.UseOpenApiDocs();
#endif
        }
        return app;
    }
}
