using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using Tasks.Api.Persistence;

namespace Deployment.Tests;

public sealed class FunctionTemplateTests
{
    private static readonly Assembly AppAssembly = typeof(TaskTable).Assembly;

    private static JsonElement Function => RepositoryFiles.Resources.GetProperty("TasksFunction");

    private static JsonElement Properties => Function.GetProperty("Properties");

    [Fact]
    public void Handler_ExecutableAssembly_EqualsAppAssemblyName()
    {
        Assert.Equal(AppAssembly.GetName().Name, Properties.GetProperty("Handler").GetString());
    }

    [Fact]
    public void Runtime_ManagedDotnet_MatchesAppTargetFramework()
    {
        var targetFramework = AppAssembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        var framework = new FrameworkName(targetFramework);

        Assert.Equal(".NETCoreApp", framework.Identifier);
        Assert.Equal($"dotnet{framework.Version.Major}", Properties.GetProperty("Runtime").GetString());
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
    public void Environment_Stage_IsTheStageParameter()
    {
        var variables = Properties.GetProperty("Environment").GetProperty("Variables");

        Assert.Equal("Stage", variables.GetProperty("Stage").GetProperty("Ref").GetString());
    }

    [Fact]
    public void SnapStart_PublishedVersions_IsOnWithAnAlias()
    {
        Assert.Equal("PublishedVersions", Properties.GetProperty("SnapStart").GetProperty("ApplyOn").GetString());
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
