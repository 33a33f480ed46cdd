using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

/// <summary>
/// The HTTP API as CloudFormation receives it (the SAM-translated template): which routes exist, which are public,
/// what a request selects, and that the stack has no dependency cycle.
/// </summary>
public sealed class ApiRouteTemplateTests
{
    private const string Origin = "https://app.example.com";

    private static readonly string[] PublicRoutes = ["GET /", "GET /assets/{proxy+}", "GET /auth/config", "GET /health"];

    private static readonly string[] AuthorizedRoutes = ["ANY /", "ANY /{proxy+}"];

    [Fact]
    public void Routes_Default_OnlyPageAssetsAuthConfigAndHealthArePublic()
    {
        var routes = Routes(Expressions());

        Assert.Equal(PublicRoutes.Order(StringComparer.Ordinal), routes.Where(r => r.Value is null).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(AuthorizedRoutes.Order(StringComparer.Ordinal), routes.Where(r => r.Value is not null).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.All(routes.Values.Where(v => v is not null), authorizer => Assert.Equal("TasksJwtAuthorizer", authorizer));
    }

    [Fact]
    public void Routes_WithCorsOrigin_AddAPublicPreflightRouteAndNothingElse()
    {
        var routes = Routes(Expressions(("CorsAllowedOrigin", Origin)));

        Assert.Equal(
            PublicRoutes.Append("OPTIONS /{proxy+}").Order(StringComparer.Ordinal),
            routes.Where(r => r.Value is null).Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Equal(AuthorizedRoutes.Length, routes.Count(r => r.Value is not null));
    }

    [Fact]
    public void Routes_AuthenticationNone_HaveNoAuthorizerAtAll()
    {
        var none = Expressions(("Authentication", "None"));

        Assert.All(Routes(none).Values, Assert.Null);
        Assert.False(none.Condition(SamTranslation.Resources.GetProperty("TasksJwtAuthorizer").GetProperty("Condition").GetString()!));
    }

    /// <summary>
    /// API Gateway's documented route selection for HTTP APIs
    /// (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html, "Routing API requests"):
    /// a full match of path and method first, then a greedy-path match (the most specific path first), where a route for
    /// the request's own method wins over ANY, which "matches all methods that you haven't defined for a resource".
    /// </summary>
    [Theory]
    [InlineData("GET", "/", "GET /")]
    [InlineData("POST", "/", "ANY /")]
    [InlineData("GET", "/assets/app.3f2a1c.js", "GET /assets/{proxy+}")]
    [InlineData("GET", "/assets/css/site.css", "GET /assets/{proxy+}")]
    [InlineData("DELETE", "/assets/app.js", "ANY /{proxy+}")]
    [InlineData("GET", "/assets", "ANY /{proxy+}")]
    [InlineData("GET", "/auth/config", "GET /auth/config")]
    [InlineData("GET", "/auth/config/extra", "ANY /{proxy+}")]
    [InlineData("GET", "/health", "GET /health")]
    [InlineData("GET", "/tasks", "ANY /{proxy+}")]
    [InlineData("POST", "/tasks", "ANY /{proxy+}")]
    [InlineData("GET", "/tasks/0190a1b2", "ANY /{proxy+}")]
    [InlineData("OPTIONS", "/tasks", "OPTIONS /{proxy+}")]
    [InlineData("OPTIONS", "/tasks/0190a1b2", "OPTIONS /{proxy+}")]
    public void RouteSelection_WithCors_PicksTheDocumentedRoute(string method, string path, string expected)
    {
        var routes = Routes(Expressions(("CorsAllowedOrigin", Origin)));

        Assert.Equal(expected, Select(routes.Keys, method, path));
        var shouldBePublic = PublicRoutes.Contains(expected) || expected.StartsWith("OPTIONS ", StringComparison.Ordinal);
        Assert.Equal(shouldBePublic, routes[expected] is null);
    }

    [Fact]
    public void Routes_Every_TargetsTheOneIntegrationOnTheLiveAlias()
    {
        var integration = SamTranslation.Resources.GetProperty("TasksApiIntegration").GetProperty("Properties");
        var alias = Assert.Single(SamTranslation.ResourcesOfType("AWS::Lambda::Alias"));

        Assert.Equal("AWS_PROXY", integration.GetProperty("IntegrationType").GetString());
        Assert.Equal("2.0", integration.GetProperty("PayloadFormatVersion").GetString());
        Assert.Equal(alias.LogicalId, integration.GetProperty("IntegrationUri").GetProperty("Ref").GetString());
        Assert.All(
            SamTranslation.ResourcesOfType("AWS::ApiGatewayV2::Route"),
            route => Assert.Equal(
                "integrations/${TasksApiIntegration}",
                route.Resource.GetProperty("Properties").GetProperty("Target").GetProperty("Fn::Sub").GetString()));
    }

    [Fact]
    public void InvokePermission_IsTheAliasForThisApiAndStageOnly()
    {
        var alias = Assert.Single(SamTranslation.ResourcesOfType("AWS::Lambda::Alias"));
        var permissions = SamTranslation.ResourcesOfType("AWS::Lambda::Permission").Select(p => p.Resource.GetProperty("Properties")).ToList();

        var permission = Assert.Single(permissions);
        Assert.Equal(alias.LogicalId, permission.GetProperty("FunctionName").GetProperty("Ref").GetString());
        Assert.Equal("apigateway.amazonaws.com", permission.GetProperty("Principal").GetString());
        Assert.Equal(
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${TasksApi}/${Stage}/*",
            permission.GetProperty("SourceArn").GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void FunctionVersions_Translated_AreDeletedWhenSuperseded()
    {
        // SAM retains every AWS::Lambda::Version unless told otherwise; with SnapStart each one keeps a billed snapshot.
        var version = Assert.Single(SamTranslation.ResourcesOfType("AWS::Lambda::Version"));

        Assert.Equal("Delete", version.Resource.GetProperty("DeletionPolicy").GetString());
    }

    [Fact]
    public void AccessLog_Format_IsJsonWithTheLambdaRequestIdAndNoRestApiOnlyVariables()
    {
        var format = SamTranslation.Resources.GetProperty("TasksApiStage").GetProperty("Properties")
            .GetProperty("AccessLogSettings").GetProperty("Format").GetString()!;
        // $context.xrayTraceId is a REST API variable; HTTP APIs have no X-Ray tracing.
        Assert.DoesNotContain("xray", format, StringComparison.OrdinalIgnoreCase);

        using var sample = JsonDocument.Parse(Regex.Replace(format, @"\$context\.[A-Za-z.]+", "1"));
        Assert.Contains("\"lambdaRequestId\":\"$context.integration.requestId\"", format, StringComparison.Ordinal);
        Assert.True(sample.RootElement.TryGetProperty("requestId", out _));
    }

    [Fact]
    public void Dependencies_Translated_HaveNoCycle()
    {
        var graph = SamTranslation.Resources.EnumerateObject()
            .ToDictionary(r => r.Name, r => Dependencies(r.Value).Where(name => SamTranslation.Resources.TryGetProperty(name, out _)).ToHashSet(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done

        foreach (var resource in graph.Keys)
        {
            Visit(resource, []);
        }

        void Visit(string node, List<string> path)
        {
            if (state.TryGetValue(node, out var done))
            {
                Assert.True(done, $"dependency cycle: {string.Join(" -> ", path.SkipWhile(p => p != node))} -> {node}");
                return;
            }

            state[node] = false;
            path.Add(node);
            foreach (var next in graph[node])
            {
                Visit(next, path);
            }

            path.RemoveAt(path.Count - 1);
            state[node] = true;
        }
    }

    [Fact]
    public void Dependencies_Translated_ClientFollowsTheApiAndTheAuthorizerFollowsTheClient()
    {
        Assert.Contains("TasksApi", Dependencies(SamTranslation.Resources.GetProperty("UserPoolClient")));
        Assert.Contains("UserPoolClient", Dependencies(SamTranslation.Resources.GetProperty("TasksJwtAuthorizer")));
        Assert.DoesNotContain("UserPoolClient", Dependencies(SamTranslation.Resources.GetProperty("TasksApi")));
    }

    [Fact]
    public void Callback_Translated_IsThePageUrlOnTheStage()
    {
        var pageUrl = JsonSerializer.Serialize(SamTranslation.Template.GetProperty("Outputs").GetProperty("ApiUrl").GetProperty("Value"));
        var client = SamTranslation.Resources.GetProperty("UserPoolClient").GetProperty("Properties");

        Assert.Equal(
            [pageUrl],
            Expressions().Resolve(client.GetProperty("CallbackURLs")).EnumerateArray().Select(url => JsonSerializer.Serialize(url)));
        Assert.Equal([pageUrl], client.GetProperty("LogoutURLs").EnumerateArray().Select(url => JsonSerializer.Serialize(url)));
        Assert.EndsWith("/${Stage}/\"}", pageUrl, StringComparison.Ordinal);
    }

    /// <summary>Every resource name a value refers to: Ref, Fn::GetAtt, ${Name} or ${Name.Attr} in Fn::Sub, DependsOn.</summary>
    internal static IEnumerable<string> Dependencies(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var names = property.Name switch
                    {
                        "Ref" when property.Value.ValueKind == JsonValueKind.String => [property.Value.GetString()!],
                        "Fn::GetAtt" => [property.Value.ValueKind == JsonValueKind.Array
                            ? property.Value[0].GetString()!
                            : property.Value.GetString()!.Split('.')[0]],
                        "Fn::Sub" => Regex.Matches(
                                property.Value.ValueKind == JsonValueKind.Array ? property.Value[0].GetString()! : property.Value.GetString()!,
                                @"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}")
                            .Select(m => m.Groups[1].Value),
                        "DependsOn" when property.Value.ValueKind == JsonValueKind.String => [property.Value.GetString()!],
                        _ => [],
                    };
                    foreach (var name in names.Concat(Dependencies(property.Value)))
                    {
                        yield return name;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var name in value.EnumerateArray().SelectMany(Dependencies))
                {
                    yield return name;
                }

                break;
        }
    }

    /// <summary>Route key to its authorizer's logical id (null: public) for the routes these parameters create.</summary>
    private static Dictionary<string, string?> Routes(TemplateExpressions expressions) =>
        SamTranslation.ResourcesOfType("AWS::ApiGatewayV2::Route")
            .Where(r => !r.Resource.TryGetProperty("Condition", out var condition) || expressions.Condition(condition.GetString()!))
            .Select(r => r.Resource.GetProperty("Properties"))
            .ToDictionary(
                properties => properties.GetProperty("RouteKey").GetString()!,
                properties =>
                {
                    var type = properties.TryGetProperty("AuthorizationType", out var t) ? expressions.Resolve(t).GetString() : "NONE";
                    if (type == "NONE")
                    {
                        Assert.True(!properties.TryGetProperty("AuthorizerId", out var none) || IsNoValue(expressions.Resolve(none)));
                        return null;
                    }

                    Assert.Equal("JWT", type);
                    return expressions.Resolve(properties.GetProperty("AuthorizerId")).GetProperty("Ref").GetString();
                },
                StringComparer.Ordinal);

    private static string Select(IEnumerable<string> routeKeys, string method, string path)
    {
        var candidates = routeKeys.Select(key => (Key: key, Method: key.Split(' ')[0], Path: key.Split(' ')[1]))
            .Where(r => r.Method == method || r.Method == "ANY")
            .Select(r => (r.Key, r.Method, Greedy: r.Path.EndsWith("{proxy+}", StringComparison.Ordinal), r.Path))
            .Where(r => r.Greedy
                ? path.StartsWith(r.Path[..^"{proxy+}".Length], StringComparison.Ordinal) && path.Length > r.Path.Length - "{proxy+}".Length
                : path == r.Path)
            .OrderBy(r => r.Greedy)
            .ThenByDescending(r => r.Path.Length)
            .ThenBy(r => r.Method == "ANY")
            .ToList();

        return candidates.Count == 0 ? "404" : candidates[0].Key;
    }

    private static TemplateExpressions Expressions(params (string Name, string Value)[] overrides) =>
        new(SamTranslation.Template, overrides.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal));

    private static bool IsNoValue(JsonElement value) =>
        JsonSerializer.Serialize(value) == """{"Ref":"AWS::NoValue"}""";
}
