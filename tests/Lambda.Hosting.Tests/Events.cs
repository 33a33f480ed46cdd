using System.Text.Json;
using System.Text.Json.Nodes;
using Lambda.Hosting.HttpApiV2;
using Lambda.Hosting.RuntimeApi;

namespace Lambda.Hosting.Tests;

/// <summary>The JSON event fixtures in Events/: the shared samples plus one per translation rule.</summary>
internal static class Events
{
    public static string Json(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", name + ".json"));

    public static HttpApiV2Request Parse(string name) =>
        JsonSerializer.Deserialize(Json(name), LambdaJsonContext.Default.HttpApiV2Request)!;

    /// <summary>A fixture with its rawPath (and requestContext.http.path) replaced.</summary>
    public static string WithPath(string name, string rawPath)
    {
        var node = JsonNode.Parse(Json(name))!;
        node["rawPath"] = rawPath;
        node["requestContext"]!["http"]!["path"] = rawPath;
        return node.ToJsonString();
    }

    public static LambdaInvocation Invocation(string eventJson = "{}", string? traceId = "Root=1-5f84c7a1-abcdef0123456789abcdef01") => new(
        "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
        DateTimeOffset.UtcNow.AddSeconds(30),
        "arn:aws:lambda:eu-west-1:123456789012:function:tasks",
        traceId,
        null,
        System.Text.Encoding.UTF8.GetBytes(eventJson));
}
