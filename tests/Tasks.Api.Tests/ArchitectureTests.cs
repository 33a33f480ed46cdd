using NetArchTest.Rules;
using Tasks.Api.Tasks;

namespace Tasks.Api.Tests;

/// <summary>How the app's folders depend on each other, read from its IL: one way, no cycles, the platform feature-agnostic.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Namespaces = [.. typeof(TaskService).Assembly.GetTypes()
        .Select(t => t.Namespace)
        .Where(n => n is not null && n.StartsWith("Tasks.Api.", StringComparison.Ordinal))
        .Distinct()
        .Order(StringComparer.Ordinal)!];

    [Fact]
    public void Namespaces_DependencyGraph_HasNoCycle()
    {
        var edges = Namespaces.ToDictionary(from => from, from => Namespaces.Where(to => to != from && DependsOn(from, to)).ToList());

        var cycle = FindCycle(edges);

        Assert.True(cycle is null, $"Namespace cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Platform_DependsOnNoFeatureAndNoStorage()
    {
        var result = Types.InAssembly(typeof(TaskService).Assembly)
            .That().ResideInNamespace("Tasks.Api.Platform")
            .ShouldNot().HaveDependencyOnAny("Tasks.Api.Tasks", "Tasks.Api.Persistence")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void AwsSdk_IsReferencedOnlyInPersistence()
    {
        var result = Types.InAssembly(typeof(TaskService).Assembly)
            .That().DoNotResideInNamespace("Tasks.Api.Persistence")
            .ShouldNot().HaveDependencyOn("Amazon")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void FindCycle_GraphWithACycle_FindsIt()
    {
        var edges = new Dictionary<string, List<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"] };

        Assert.Equal(["a", "b", "c", "a"], FindCycle(edges));
    }

    private static bool DependsOn(string from, string to) =>
        !Types.InAssembly(typeof(TaskService).Assembly)
            .That().ResideInNamespaceMatching($"^{System.Text.RegularExpressions.Regex.Escape(from)}$")
            .ShouldNot().HaveDependencyOn(to)
            .GetResult().IsSuccessful;

    private static List<string>? FindCycle(Dictionary<string, List<string>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            if (path.IndexOf(node) is var at and >= 0)
            {
                return [.. path[at..], node];
            }
            if (!done.Add(node))
            {
                return null;
            }
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node, []))
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }
            path.RemoveAt(path.Count - 1);
            return null;
        }
        return edges.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }
}
