using System.Text.Json;

namespace Lambda.Hosting.HttpApiV2;

// API Gateway HTTP API, payload format 2.0. Only the fields the translator reads are modelled.
internal sealed record HttpApiV2Request
{
    public string? Version { get; init; }
    public string? RouteKey { get; init; }
    public string? RawPath { get; init; }
    public string? RawQueryString { get; init; }
    public List<string>? Cookies { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public HttpApiV2RequestContext? RequestContext { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}

internal sealed record HttpApiV2RequestContext
{
    public string? AccountId { get; init; }
    public string? ApiId { get; init; }
    public string? DomainName { get; init; }
    public string? RequestId { get; init; }
    public string? Stage { get; init; }
    public long TimeEpoch { get; init; }
    public HttpApiV2Http? Http { get; init; }
    public HttpApiV2Authorizer? Authorizer { get; init; }
    public HttpApiV2Authentication? Authentication { get; init; }
}

/// <summary>Present when the API's custom domain has mutual TLS on: the certificate API Gateway already verified.</summary>
internal sealed record HttpApiV2Authentication
{
    public HttpApiV2ClientCert? ClientCert { get; init; }
}

internal sealed record HttpApiV2ClientCert
{
    public string? ClientCertPem { get; init; }
}

internal sealed record HttpApiV2Http
{
    public string? Method { get; init; }
    public string? Path { get; init; }
    public string? Protocol { get; init; }
    public string? SourceIp { get; init; }
    public string? UserAgent { get; init; }
}

internal sealed record HttpApiV2Authorizer
{
    public HttpApiV2Jwt? Jwt { get; init; }
}

internal sealed record HttpApiV2Jwt
{
    // Claims are documented as strings, but a value is kept as raw JSON if it ever is not one.
    public Dictionary<string, JsonElement>? Claims { get; init; }
    public List<string>? Scopes { get; init; }
}
