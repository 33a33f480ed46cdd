using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Tasks.Api.Platform.OpenApi;

/// <summary>
/// The OpenAPI document and Swagger UI, in Development only. Swashbuckle is reflection-based and not trim-safe, so a
/// Native AOT publish leaves this file and the package out (Tasks.Api.csproj) and the app serves no document.
/// </summary>
internal static class OpenApiDocs
{
    public static IServiceCollection AddOpenApiDocs(this IServiceCollection services)
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
            o.DocumentFilter<HealthDocumentFilter>();
            o.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "Needed when Auth:Mode is Jwt; its sub claim owns the tasks.",
            });
            o.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        });
        return services;
    }

    public static WebApplication UseOpenApiDocs(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI();
        return app;
    }
}
