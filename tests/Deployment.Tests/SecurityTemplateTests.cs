using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tasks.Api.Persistence;

namespace Deployment.Tests;

public sealed class SecurityTemplateTests
{
    private const string Issuer = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example";
    private const string Audience = "exampleclientid";

    private static readonly Assembly AppAssembly = typeof(TaskTable).Assembly;

    private static JsonElement Parameters => RepositoryFiles.Template.GetProperty("Parameters");

    private static JsonElement FunctionVariables => RepositoryFiles.Resources.GetProperty("TasksFunction")
        .GetProperty("Properties").GetProperty("Environment").GetProperty("Variables");

    private static JsonElement ApiProperties => RepositoryFiles.Resources.GetProperty("TasksApi").GetProperty("Properties");

    private static JsonElement CorsConfiguration => ApiProperties.GetProperty("CorsConfiguration");

    /// <summary>The configuration section the app binds its auth options from (internal to the app, so read by reflection).</summary>
    private static string AuthSection => (string)AppType("Tasks.Api.Platform.Security.AuthOptions")
        .GetField("Section", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    [Fact]
    public void Authentication_Parameter_DefaultsToJwtAndOffersExactlyTheAppsModes()
    {
        var parameter = Parameters.GetProperty("Authentication");

        Assert.Equal("Jwt", parameter.GetProperty("Default").GetString());
        Assert.Equal(
            Enum.GetNames(AppType("Tasks.Api.Platform.Security.AuthMode")).Order(StringComparer.Ordinal),
            parameter.GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UseJwtAuthorizer_Condition_IsTheAuthenticationParameter()
    {
        Assert.Equal(
            """{"Fn::Equals":[{"Ref":"Authentication"},"Jwt"]}""",
            JsonSerializer.Serialize(RepositoryFiles.Template.GetProperty("Conditions").GetProperty("UseJwtAuthorizer")));
    }

    [Fact]
    public void AuthMode_Environment_FollowsTheAuthenticationParameter()
    {
        var mode = FunctionVariables.GetProperty($"{AuthSection}__Mode");

        Assert.Equal("""{"Fn::If":["UseJwtAuthorizer","Jwt","None"]}""", JsonSerializer.Serialize(mode));
        Assert.Equal("Jwt", Expressions(("JwtIssuer", Issuer), ("JwtAudience", Audience)).Resolve(mode).GetString());
        Assert.Equal("None", Expressions(("Authentication", "None")).Resolve(mode).GetString());
    }

    [Fact]
    public void ProdRule_AuthenticationNone_IsForbidden()
    {
        var rule = RepositoryFiles.Template.GetProperty("Rules").GetProperty("ProdRequiresJwtAuthorizer");

        Assert.Equal("""{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""", JsonSerializer.Serialize(rule.GetProperty("RuleCondition")));
        Assert.Contains(
            rule.GetProperty("Assertions").EnumerateArray(),
            a => JsonSerializer.Serialize(a.GetProperty("Assert")) == """{"Fn::Equals":[{"Ref":"Authentication"},"Jwt"]}""");
    }

    [Theory]
    [InlineData("dev", "Jwt", "", "", true)] // the default: the stack's own user pool
    [InlineData("dev", "Jwt", Issuer, "", false)]
    [InlineData("dev", "Jwt", "", Audience, false)]
    [InlineData("dev", "Jwt", Issuer, Audience, true)]
    [InlineData("dev", "None", "", "", true)]
    [InlineData("prod", "None", "", "", false)]
    [InlineData("prod", "None", Issuer, Audience, false)]
    [InlineData("prod", "Jwt", "", "", true)]
    [InlineData("prod", "Jwt", Issuer, "", false)]
    [InlineData("prod", "Jwt", "", Audience, false)]
    [InlineData("prod", "Jwt", Issuer, Audience, true)]
    public void Rules_StageAuthenticationIssuerAudience_AcceptOnlySecureCombinations(
        string stage, string authentication, string issuer, string audience, bool accepted)
    {
        var failed = Expressions(("Stage", stage), ("Authentication", authentication), ("JwtIssuer", issuer), ("JwtAudience", audience))
            .FailedRuleAssertions();

        if (accepted)
        {
            Assert.Empty(failed);
        }
        else
        {
            Assert.NotEmpty(failed);
        }
    }

    [Fact]
    public void Cors_DefaultEmptyOrigin_LeavesCorsUnconfigured()
    {
        Assert.Equal("", Parameters.GetProperty("CorsAllowedOrigin").GetProperty("Default").GetString());
        Assert.Equal("HasCorsOrigin", CorsConfiguration.GetProperty("Fn::If")[0].GetString());
        Assert.True(IsNoValue(Expressions().Resolve(CorsConfiguration)));
    }

    [Fact]
    public void Cors_ConfiguredOrigin_IsAlsoTheAppsOriginForPreflightsThatReachTheFunction()
    {
        var origin = FunctionVariables.GetProperty("Security__CorsOrigins__0");

        Assert.Equal("https://app.example.com", Expressions(("CorsAllowedOrigin", "https://app.example.com")).Resolve(origin).GetString());
        Assert.True(IsNoValue(Expressions().Resolve(origin)));
    }

    [Fact]
    public void Cors_ConfiguredOrigin_AllowsTheRequestHeadersAndExposesTheResponseHeadersTheAppUses()
    {
        var cors = Expressions(("CorsAllowedOrigin", "https://app.example.com")).Resolve(CorsConfiguration);
        var idempotency = AppType("Tasks.Api.Tasks.IdempotencyKeys");

        Assert.Equal("""[{"Ref":"CorsAllowedOrigin"}]""", JsonSerializer.Serialize(cors.GetProperty("AllowOrigins")));
        AssertIncludes(
            ["etag", "location", "retry-after", Constant(idempotency, "ReplayedHeader")],
            cors.GetProperty("ExposeHeaders"));
        AssertIncludes(
            ["authorization", "content-type", "if-match", "if-none-match", Constant(idempotency, "Header")],
            cors.GetProperty("AllowHeaders"));
        Assert.Equal(
            ["DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT"],
            cors.GetProperty("AllowMethods").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Policy_DynamoDbActions_AreExactlyTheOnesTheAppCalls()
    {
        // TransactWriteItems (the idempotent create: two Puts) is authorized item by item as PutItem;
        // the app uses no UpdateItem, ConditionCheckItem, Scan or batch calls.
        var actions = RepositoryFiles.Resources.GetProperty("TasksFunction").GetProperty("Properties").GetProperty("Policies")
            .EnumerateArray()
            .SelectMany(policy => policy.GetProperty("Statement").EnumerateArray())
            .SelectMany(statement => statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
            actions);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void SamConfig_ParameterOverrides_UseJwtAndPassTheRules(string environment)
    {
        var overrides = SamConfig.Parse(RepositoryFiles.ReadText("samconfig.toml"))[$"{environment}.deploy.parameters"]["parameter_overrides"];
        var values = SamConfig.Overrides(overrides);
        var expressions = new TemplateExpressions(RepositoryFiles.Template, values);

        Assert.True(expressions.Condition("UseJwtAuthorizer"), $"[{environment}] must not turn authentication off");
        Assert.Empty(expressions.FailedRuleAssertions());
    }

    [Fact]
    public void LambdaToolsDefaults_TemplateParameters_UseJwtAndPassTheRules()
    {
        var parameters = RepositoryFiles.ReadJson("aws-lambda-tools-defaults.json").GetProperty("template-parameters").GetString()!;
        var expressions = new TemplateExpressions(
            RepositoryFiles.Template,
            ParseOverrides(parameters.Split(';', StringSplitOptions.RemoveEmptyEntries)));

        Assert.True(expressions.Condition("UseJwtAuthorizer"));
        Assert.Empty(expressions.FailedRuleAssertions());
    }

    [Fact]
    public void LambdaToolsDefaults_DocumentReferences_Exist()
    {
        var text = RepositoryFiles.ReadText("aws-lambda-tools-defaults.json");

        Assert.All(
            Regex.Matches(text, @"[\w./-]+\.md").Select(m => m.Value),
            path => Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, path)), $"{path} does not exist"));
        Assert.Contains("README.md", text, StringComparison.Ordinal);
        Assert.Matches(new Regex("^## Deploy$", RegexOptions.Multiline), RepositoryFiles.ReadText("README.md"));
    }

    private static TemplateExpressions Expressions(params (string Name, string Value)[] overrides) =>
        new(RepositoryFiles.Template, overrides.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal));

    private static Dictionary<string, string> ParseOverrides(IEnumerable<string> pairs) =>
        pairs.Select(pair => pair.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);

    private static bool IsNoValue(JsonElement value) =>
        JsonSerializer.Serialize(value) == """{"Ref":"AWS::NoValue"}""";

    private static void AssertIncludes(IEnumerable<string> expected, JsonElement actual)
    {
        var headers = actual.EnumerateArray().Select(h => h.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(expected, header => Assert.True(headers.Contains(header), $"missing {header} in {actual.GetRawText()}"));
    }

    private static Type AppType(string fullName) => AppAssembly.GetType(fullName, throwOnError: true)!;

    private static string Constant(Type type, string name) =>
        (string)type.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
}
