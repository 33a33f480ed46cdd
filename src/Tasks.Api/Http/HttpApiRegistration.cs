using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Tasks.Api.Tasks;

namespace Tasks.Api.Http;

/// <summary>The conventions every endpoint shares: JSON, RFC 9457 errors, OpenAPI in Development (not in a Native AOT build).</summary>
internal static class HttpApiRegistration
{
    public static IServiceCollection AddHttpApi(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["requestId"] = c.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<FaultProblemHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, TasksJsonContext.Default);
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

    public static WebApplication UseHttpApi(this WebApplication app)
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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskWriteRequest))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskPage))]
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
