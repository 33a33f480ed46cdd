using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deployment.Tests;

public sealed class BuildConfigurationTests
{
    private const string TemplateFile = "serverless.template";

    /// <summary>The runtime of the default (managed) flavour, which aws-lambda-tools-defaults.json deploys.</summary>
    private static string FunctionRuntime =>
        new TemplateExpressions(RepositoryFiles.Template, new Dictionary<string, string>())
            .Resolve(RepositoryFiles.Resources.GetProperty("TasksFunction").GetProperty("Properties").GetProperty("Runtime")).GetString()!;

    [Fact]
    public void Makefile_MakefileBuiltFunctions_HaveABuildTargetNamedAfterTheLogicalId()
    {
        var makefileBuilt = RepositoryFiles.ResourcesOfType("AWS::Serverless::Function")
            .Where(f => f.Resource.TryGetProperty("Metadata", out var metadata)
                && metadata.TryGetProperty("BuildMethod", out var method)
                && method.GetString() == "makefile")
            .Select(f => f.LogicalId)
            .ToList();
        var makefile = RepositoryFiles.ReadText("Makefile");

        Assert.NotEmpty(makefileBuilt);
        Assert.All(makefileBuilt, id =>
            Assert.Matches(new Regex($"^build-{Regex.Escape(id)}:", RegexOptions.Multiline), makefile));
    }

    [Fact]
    public void Makefile_BuildTarget_PublishesIntoTheArtifactsDir()
    {
        var makefile = RepositoryFiles.ReadText("Makefile");

        Assert.Contains("--output $(ARTIFACTS_DIR)", makefile, StringComparison.Ordinal);
        Assert.Contains("$(ARTIFACTS_DIR)/bootstrap", makefile, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^FLAVOUR\s*\?=\s*managed\s*$", RegexOptions.Multiline), makefile);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void SamConfig_Environment_BuildsServerlessTemplateIntoItsOwnStack(string environment)
    {
        var config = SamConfig.Parse(RepositoryFiles.ReadText("samconfig.toml"));

        Assert.Equal(TemplateFile, config[$"{environment}.build.parameters"]["template_file"]);
        Assert.Equal($"tasks-{environment}", config[$"{environment}.global.parameters"]["stack_name"]);
        Assert.Contains($"Stage={environment}", config[$"{environment}.deploy.parameters"]["parameter_overrides"], StringComparison.Ordinal);
    }

    [Fact]
    public void SamConfig_GuidedDeployQuoting_ReadsLikeThePlainForm()
    {
        // `sam deploy --guided` saves parameter_overrides with every value quoted and escaped.
        var config = SamConfig.Parse("""
            [dev.deploy.parameters]
            parameter_overrides = "Stage=\"dev\" JwtIssuer=\"https://issuer.example\" Flavour=\"native-aot\""
            """);

        var overrides = SamConfig.Overrides(config["dev.deploy.parameters"]["parameter_overrides"]);

        Assert.Equal("dev", overrides["Stage"]);
        Assert.Equal("https://issuer.example", overrides["JwtIssuer"]);
        Assert.Equal("native-aot", overrides["Flavour"]);
    }

    [Fact]
    public void SamConfig_Prod_ConfirmsTheChangeset()
    {
        var config = SamConfig.Parse(RepositoryFiles.ReadText("samconfig.toml"));

        Assert.Equal("true", config["prod.deploy.parameters"]["confirm_changeset"]);
    }

    [Fact]
    public void LambdaToolsDefaults_TemplateAndRuntime_MatchServerlessTemplate()
    {
        var defaults = RepositoryFiles.ReadJson("aws-lambda-tools-defaults.json");

        Assert.Equal(TemplateFile, defaults.GetProperty("template").GetString());
        Assert.Equal(FunctionRuntime, defaults.GetProperty("function-runtime").GetString());
        Assert.Equal("arm64", defaults.GetProperty("function-architecture").GetString());
        Assert.Equal(
            FunctionRuntime.Replace("dotnet", "net", StringComparison.Ordinal) + ".0",
            defaults.GetProperty("framework").GetString());
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void Template_Size_FitsTheWayEachEnvironmentDeploysIt(string environment)
    {
        // CloudFormation takes at most 51,200 bytes inline and 1 MB from S3; above the first, sam deploy
        // uploads the template to its S3 bucket, which resolve_s3 provides.
        var bytes = new FileInfo(Path.Combine(RepositoryFiles.Root, TemplateFile)).Length;
        var deploy = SamConfig.Parse(RepositoryFiles.ReadText("samconfig.toml"))[$"{environment}.deploy.parameters"];

        Assert.InRange(bytes, 1, 1_000_000);
        if (bytes > 51_200)
        {
            Assert.Equal("true", deploy["resolve_s3"]);
        }
    }

    [Fact]
    public void Template_Json_IsASamTransform()
    {
        Assert.Equal("AWS::Serverless-2016-10-31", RepositoryFiles.Template.GetProperty("Transform").GetString());
        Assert.Equal(JsonValueKind.Object, RepositoryFiles.Resources.ValueKind);
    }
}
