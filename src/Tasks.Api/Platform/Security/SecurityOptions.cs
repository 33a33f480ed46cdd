namespace Tasks.Api.Platform.Security;

internal sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Origins a browser may call from; none by default.</summary>
    public string[] CorsOrigins { get; set; } = [];

    public bool RateLimitEnabled { get; set; } = true;

    /// <summary>Sustained requests per second per owner (or per IP before authentication).</summary>
    public int RateLimitPerSecond { get; set; } = 20;

    public int RateLimitBurst { get; set; } = 40;
}
