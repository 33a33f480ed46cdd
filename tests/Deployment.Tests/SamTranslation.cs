using System.Diagnostics;
using System.Text.Json;

namespace Deployment.Tests;

/// <summary>
/// serverless.template as CloudFormation receives it: translated once per test run by the SAM translator
/// (sam-translate.py, the samtranslator package cfn-lint installs), for what SAM decides rather than the template says.
/// </summary>
internal static class SamTranslation
{
    private static readonly Lazy<JsonElement> LazyTemplate = new(Translate);

    public static JsonElement Template => LazyTemplate.Value;

    public static JsonElement Resources => Template.GetProperty("Resources");

    public static IEnumerable<(string LogicalId, JsonElement Resource)> ResourcesOfType(string type) =>
        Resources.EnumerateObject()
            .Where(resource => resource.Value.GetProperty("Type").GetString() == type)
            .Select(resource => (resource.Name, resource.Value));

    private static JsonElement Translate()
    {
        var script = Path.Combine(RepositoryFiles.Root, "tests", "Deployment.Tests", "sam-translate.py");
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { script, Path.Combine(RepositoryFiles.Root, "serverless.template") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("python3 did not start (the SAM translator comes with cfn-lint: pip install cfn-lint)");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sam-translate.py failed ({process.ExitCode}): {stderr.Result}");
        }

        using var document = JsonDocument.Parse(stdout);
        return document.RootElement.Clone();
    }
}
