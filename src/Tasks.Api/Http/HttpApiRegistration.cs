using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.OpenApi;
using Tasks.Api.Tasks;

namespace Tasks.Api.Http;

/// <summary>The conventions every endpoint shares: JSON, RFC 9457 errors, OpenAPI in Development.</summary>
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
        });
        if (environment.IsDevelopment())
        {
            services.AddEndpointsApiExplorer();
            services.AddSwaggerGen(o =>
            {
                o.SwaggerDoc("v1", new OpenApiInfo
                {
                    Title = "Tasks API",
                    Version = "v1",
                    Description = "Personal tasks: create, list, read, replace, patch and delete. Errors are RFC 9457 problem details.",
                });
                o.OperationFilter<RequestHeaderOperationFilter>();
                o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "Needed when Auth:Mode is Jwt; its sub claim owns the tasks.",
                });
                o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
            });
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
        if (app.Environment.IsDevelopment())
        {
            app.UseSwagger();
            app.UseSwaggerUI();
        }
        return app;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TaskWriteRequest))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskPage))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
