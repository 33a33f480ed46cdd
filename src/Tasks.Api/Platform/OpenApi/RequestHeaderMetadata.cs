namespace Tasks.Api.Platform.OpenApi;

/// <summary>A request header an endpoint reads itself (conditional requests), named for the OpenAPI document.</summary>
internal sealed record RequestHeaderMetadata(string Name, string Description);
