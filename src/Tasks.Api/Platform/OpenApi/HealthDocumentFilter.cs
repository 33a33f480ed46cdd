using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Tasks.Api.Platform.OpenApi;

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
