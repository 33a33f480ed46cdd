using System.Diagnostics;

namespace Tasks.Web.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole run, driven by Playwright (which downloads no browser here). A machine
/// without it gets it from apt when the tests run as root; anywhere else they stop with one line saying what to do.
/// </summary>
public static class Chromium
{
    private const string DebianPath = "/usr/bin/chromium";
    private static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync);

    public static Task<IBrowser> GetAsync() => Browser.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var executable = await LocateAsync();
        // Two cores shared with DynamoDB Local, the app and the browser: give each expectation room, never a fixed wait.
        SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            // As root in a container Chromium needs --no-sandbox; the rest keep it off a network that is closed here.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable("TASKS_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }
        if (File.Exists(DebianPath))
        {
            return DebianPath;
        }
        if (Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"))
        {
            await RunAsync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
            if (File.Exists(DebianPath))
            {
                return DebianPath;
            }
        }
        throw new InvalidOperationException(
            $"No Chromium at {DebianPath}: install it (sudo apt-get install chromium) or point TASKS_CHROMIUM at a Chromium or Chrome binary " +
            "(e.g. one installed by `pwsh tests/Tasks.Web.Tests/bin/Debug/net10.0/playwright.ps1 install chromium`).");
    }

    private static async Task RunAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Installing Chromium failed: {await error}");
        }
    }
}
