using System.Diagnostics;

namespace Tasks.Api.Tests.Infrastructure;

/// <summary>The Tasks.Api build beside this test build (same configuration and framework), to start as its own process.</summary>
internal static class BuiltApp
{
    public static string Directory { get; } = Locate();

    /// <summary><c>dotnet Tasks.Api.dll</c> in <paramref name="directory"/>, or its <c>bootstrap</c> (Native AOT) when it has one.</summary>
    public static ProcessStartInfo StartInfo(string directory)
    {
        var bootstrap = Path.Combine(directory, "bootstrap");
        var start = new ProcessStartInfo(File.Exists(bootstrap) ? bootstrap : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        if (!File.Exists(bootstrap))
        {
            start.ArgumentList.Add(Path.Combine(directory, "Tasks.Api.dll"));
        }
        return start;
    }

    private static string Locate()
    {
        var buildDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = buildDirectory.Parent!.Name;
        return Path.Combine(RepositoryRoot.Path, "src", "Tasks.Api", "bin", configuration, buildDirectory.Name);
    }
}
