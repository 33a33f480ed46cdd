using System.Diagnostics;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>
/// The app as it ships: a published folder with wwwroot, its compressed variants and the static-assets manifest (a build
/// folder serves assets only in Development, through a development-time handler that differs from production). Published
/// once per run from this build (a few seconds), or the package TASKS_PACKAGE names (.ci/run passes its SAM build).
/// </summary>
public static class Package
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    public static Task<string> GetDirectoryAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("TASKS_PACKAGE") is { Length: > 0 } package)
        {
            return Path.GetFullPath(package);
        }
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var output = Path.Combine(Path.GetTempPath(), $"tasks-web-tests-{Guid.NewGuid():N}");
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepositoryRoot.Path, "src", "Tasks.Api"), "--configuration", configuration, "--no-build", "--output", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed:\n{await log}\n{await error}");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(output, recursive: true);
        return output;
    }
}
