using System.Text.Json;

namespace Deployment.Tests;

/// <summary>The deployment files at the repository root, read once per test run.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<JsonElement> LazyTemplate = new(() => ReadJson("serverless.template"));

    public static string Root => LazyRoot.Value;

    public static JsonElement Template => LazyTemplate.Value;

    public static JsonElement Resources => Template.GetProperty("Resources");

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public static JsonElement ReadJson(string relativePath)
    {
        using var document = JsonDocument.Parse(ReadText(relativePath));
        return document.RootElement.Clone();
    }

    public static IEnumerable<(string LogicalId, JsonElement Resource)> ResourcesOfType(string type) =>
        Resources.EnumerateObject()
            .Where(resource => resource.Value.GetProperty("Type").GetString() == type)
            .Select(resource => (resource.Name, resource.Value));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Tasks.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Tasks.sln above {AppContext.BaseDirectory}.");
    }
}
