using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tasks.Api.Persistence;

namespace Deployment.Tests;

public sealed class FunctionTemplateTests
{
    private static readonly Assembly AppAssembly = typeof(TaskTable).Assembly;

    private static JsonElement Function => RepositoryFiles.Resources.GetProperty("TasksFunction");

    private static JsonElement Properties => Function.GetProperty("Properties");

    /// <summary>A function property as CloudFormation would set it for <paramref name="flavour"/>.</summary>
    private static JsonElement ForFlavour(string flavour, string property) =>
        new TemplateExpressions(RepositoryFiles.Template, new Dictionary<string, string> { ["Flavour"] = flavour })
            .Resolve(Properties.GetProperty(property));

    [Fact]
    public void Handler_Managed_IsTheExecutableAssemblyName()
    {
        Assert.Equal(AppAssembly.GetName().Name, ForFlavour("managed", "Handler").GetString());
    }

    [Fact]
    public void Runtime_Managed_MatchesAppTargetFramework()
    {
        var targetFramework = AppAssembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var framework = new FrameworkName(targetFramework);

        Assert.Equal(".NETCoreApp", framework.Identifier);
        Assert.Equal($"dotnet{framework.Version.Major}", ForFlavour("managed", "Runtime").GetString());
    }

    [Fact]
    public void Flavour_Default_IsManaged()
    {
        Assert.Equal("managed", RepositoryFiles.Template.GetProperty("Parameters").GetProperty("Flavour").GetProperty("Default").GetString());
    }

    [Fact]
    public void Flavour_NativeAot_RunsTheBootstrapOnProvidedAl2023WithoutSnapStart()
    {
        Assert.Equal("bootstrap", ForFlavour("native-aot", "Handler").GetString());
        Assert.Equal("provided.al2023", ForFlavour("native-aot", "Runtime").GetString());
        // Provided runtimes have no SnapStart; the property must vanish (AWS::NoValue), not be set to something else.
        Assert.Equal("AWS::NoValue", ForFlavour("native-aot", "SnapStart").GetProperty("Ref").GetString());
    }

    [Theory]
    [InlineData("managed", "arm64", "linux-arm64")]
    [InlineData("native-aot", "x86_64", "linux-x64")]
    public void Architectures_PerFlavour_MatchTheMakefileDefaultRid(string flavour, string architecture, string rid)
    {
        var expressions = new TemplateExpressions(RepositoryFiles.Template, new Dictionary<string, string> { ["Flavour"] = flavour });
        var architectures = Properties.GetProperty("Architectures").EnumerateArray().Select(a => expressions.Resolve(a).GetString()).ToList();
        var makefile = RepositoryFiles.ReadText("Makefile");

        Assert.Equal([architecture], architectures);
        // The Makefile picks its RID per FLAVOUR (ifeq blocks); each flavour's default must be the template's architecture.
        var block = flavour == "native-aot"
            ? makefile[makefile.IndexOf("ifeq ($(FLAVOUR),native-aot)", StringComparison.Ordinal)..makefile.IndexOf("else", StringComparison.Ordinal)]
            : makefile[makefile.IndexOf("else", StringComparison.Ordinal)..makefile.IndexOf("endif", StringComparison.Ordinal)];
        Assert.Matches(new Regex($@"^RID\s*\?=\s*{Regex.Escape(rid)}\s*$", RegexOptions.Multiline), block);
    }

    [Fact]
    public void Environment_TableName_UsesTheConfigurationKeyTheAppReads()
    {
        var variables = Properties.GetProperty("Environment").GetProperty("Variables");
        var expectedName = TaskTable.TableNameKey.Replace(":", "__", StringComparison.Ordinal);

        Assert.True(variables.TryGetProperty(expectedName, out var value), $"missing environment variable {expectedName}");
        Assert.Equal("TasksTable", value.GetProperty("Ref").GetString());
    }

    [Fact]
    public void Environment_RuntimeSettings_AreTheOnesTheManagedBenchmarksMeasured()
    {
        // bench/run.sh passes the shipped flavour's runtime settings as environment variables; the function must carry the same.
        var bench = RepositoryFiles.ReadText("bench/run.sh");
        var measured = Regex.Match(bench, @"\[r2r-tuned\]=""([^""]*)""").Groups[1].Value
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(kv => kv.Split('=', 2)).ToList();
        var variables = Properties.GetProperty("Environment").GetProperty("Variables");

        Assert.NotEmpty(measured);
        Assert.All(measured, kv => Assert.Equal(kv[1], variables.GetProperty(kv[0]).GetString()));
    }

    [Fact]
    public void Environment_AuthVariables_AreSettingsTheAppBinds()
    {
        // Auth__X reaches the app as Auth:X, bound to the API's token settings or to the page's sign-in client.
        var bound = typeof(Tasks.Api.Platform.Security.AuthOptions).GetProperties().Concat(typeof(Tasks.Api.Web.PageOptions).GetProperties())
            .Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var auth = Properties.GetProperty("Environment").GetProperty("Variables").EnumerateObject()
            .Where(v => v.Name.StartsWith("Auth__", StringComparison.Ordinal)).Select(v => v.Name["Auth__".Length..]).ToList();

        Assert.Contains("ClientId", auth);
        Assert.Contains("SignOutUrl", auth);
        Assert.All(auth, name => Assert.Contains(name, bound));
    }

    [Fact]
    public void Environment_Stage_IsTheStageParameter()
    {
        var variables = Properties.GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("Stage", variables.GetProperty("Stage").GetProperty("Ref").GetString());
    }

    [Fact]
    public void SnapStart_Managed_IsOnForPublishedVersionsWithAnAlias()
    {
        Assert.Equal("PublishedVersions", ForFlavour("managed", "SnapStart").GetProperty("ApplyOn").GetString());
        Assert.False(string.IsNullOrEmpty(Properties.GetProperty("AutoPublishAlias").GetString()));
    }

    [Fact]
    public void Policy_DynamoDbStatements_AreScopedToTheTableAndItsIndexes()
    {
        var statements = Properties.GetProperty("Policies").EnumerateArray()
            .SelectMany(policy => policy.GetProperty("Statement").EnumerateArray())
            .ToList();

        Assert.NotEmpty(statements);
        foreach (var statement in statements)
        {
            var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();
            Assert.All(actions, action => Assert.StartsWith("dynamodb:", action, StringComparison.Ordinal));
            Assert.DoesNotContain(actions, action => action.Contains('*', StringComparison.Ordinal));

            var resources = statement.GetProperty("Resource").EnumerateArray().Select(r => r.GetRawText()).ToList();
            Assert.Equal(
                [
                    """{"Fn::GetAtt":["TasksTable","Arn"]}""",
                    """{"Fn::Sub":"${TasksTable.Arn}/index/*"}""",
                ],
                resources.Select(Minify));
        }
    }

    [Fact]
    public void Outputs_Operator_ListsUrlTableFunctionAndDashboard()
    {
        var outputs = RepositoryFiles.Template.GetProperty("Outputs");

        Assert.All(
            new[] { "ApiUrl", "TableName", "FunctionName", "DashboardUrl" },
            name => Assert.True(outputs.TryGetProperty(name, out _), $"missing output {name}"));
        Assert.Contains("${Stage}", outputs.GetProperty("ApiUrl").GetProperty("Value").GetProperty("Fn::Sub").GetString(), StringComparison.Ordinal);
    }

    private static string Minify(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
