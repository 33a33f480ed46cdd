using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Tasks.Api.Http;

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

/// <summary>Adds each <see cref="RequestHeaderMetadata"/> of an endpoint to its OpenAPI operation as a header parameter.</summary>
internal sealed class RequestHeaderOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var header in context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequestHeaderMetadata>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }
}

/// <summary>/health is a health-check endpoint, which API Explorer does not list; the document names it by hand.</summary>
internal sealed class HealthDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Paths["/health"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    Summary = "Whether the API can reach DynamoDB",
                    Description = "Plain text for load balancers and scripts; needs no token on Kestrel.",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = PlainText("Healthy: DynamoDB answers."),
                        ["503"] = PlainText("Unhealthy: DynamoDB does not answer."),
                    },
                },
            },
        };
    }

    private static OpenApiResponse PlainText(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
        },
    };
}
