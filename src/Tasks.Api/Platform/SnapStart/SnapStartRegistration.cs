using Lambda.Hosting;

namespace Tasks.Api.Platform.SnapStart;

internal static class SnapStartRegistration
{
    /// <summary>Under SnapStart, warms the app with its declared requests before the snapshot; outside Lambda, nothing.</summary>
    public static IServiceCollection AddSnapStartWarmUp(this IServiceCollection services) =>
        services.AddLambdaSnapStartHook<SnapStartWarmUp>();

    /// <summary>Declares requests for the SnapStart warm-up (harmless to declare outside Lambda: nothing sends them).</summary>
    public static IServiceCollection AddWarmUpRequests(this IServiceCollection services, params WarmUpRequest[] requests)
    {
        foreach (var request in requests)
        {
            services.AddSingleton(request);
        }
        return services;
    }
}
