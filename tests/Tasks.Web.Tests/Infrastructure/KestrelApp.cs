namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The app on Kestrel, on a free loopback port.</summary>
public class KestrelApp : PageApp
{
    protected override async Task<AppProcess> StartAsync(Dictionary<string, string?> environment)
    {
        environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        return await AppProcess.StartAsync(environment);
    }
}
