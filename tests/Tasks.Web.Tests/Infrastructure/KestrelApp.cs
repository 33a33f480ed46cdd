namespace Tasks.Web.Tests.Infrastructure;

/// <summary>The app on Kestrel, on a free loopback port.</summary>
public class KestrelApp : PageApp
{
    protected override async Task<(Uri, AppProcess)> StartAsync(Dictionary<string, string?> environment)
    {
        var address = new Uri($"http://127.0.0.1:{DynamoDbLocal.FreePort()}/");
        environment["ASPNETCORE_URLS"] = address.ToString();
        return (address, await AppProcess.StartAsync(environment));
    }
}
