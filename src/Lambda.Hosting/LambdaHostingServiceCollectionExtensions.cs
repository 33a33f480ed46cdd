using System.Diagnostics.CodeAnalysis;
using Lambda.Hosting;
using Lambda.Hosting.RuntimeApi;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs an ASP.NET Core app as an AWS Lambda function behind an API Gateway HTTP API (payload 2.0).</summary>
public static class LambdaHostingServiceCollectionExtensions
{
    /// <inheritdoc cref="AddLambdaHosting(IServiceCollection, Action{LambdaHostingOptions})"/>
    public static IServiceCollection AddLambdaHosting(this IServiceCollection services) => services.AddLambdaHosting(_ => { });

    /// <summary>
    /// Replaces Kestrel with a server fed by the Lambda Runtime API when <c>AWS_LAMBDA_RUNTIME_API</c> is set
    /// (or <see cref="LambdaHostingOptions.RuntimeApi"/> is given); otherwise does nothing. Call it after
    /// <c>WebApplication.CreateBuilder</c>. From then on an exception escaping Program before the first
    /// invocation is posted to <c>/runtime/init/error</c>.
    /// </summary>
    public static IServiceCollection AddLambdaHosting(this IServiceCollection services, Action<LambdaHostingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new LambdaHostingOptions
        {
            RuntimeApi = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API"),
            CustomDomainPathBase = Environment.GetEnvironmentVariable("LAMBDA_CUSTOM_DOMAIN_PATH_BASE"),
        };
        configure(options);
        if (string.IsNullOrWhiteSpace(options.RuntimeApi))
        {
            return services;
        }

        if (string.IsNullOrEmpty(options.CustomDomainPathBase))
        {
            options.CustomDomainPathBase = null;
        }
        else if (options.CustomDomainPathBase is not ['/', .., not '/'])
        {
            throw new ArgumentException(
                $"CustomDomainPathBase '{options.CustomDomainPathBase}' must start with '/' and not end with one, e.g. '/tasks'.",
                nameof(configure));
        }

        options.InitializationType ??= Environment.GetEnvironmentVariable("AWS_LAMBDA_INITIALIZATION_TYPE");
        var initState = LambdaInitState.For(options.RuntimeApi);
        if (options.ReportUnhandledExceptions)
        {
            initState.SubscribeToUnhandledExceptions();
        }

        services.RemoveAll<IServer>();
        services.AddSingleton(options);
        services.AddSingleton(initState);
        services.AddSingleton(_ => new RuntimeApiClient(options.RuntimeApi));
        services.AddSingleton<LambdaServer>();
        services.AddSingleton<IServer>(sp => sp.GetRequiredService<LambdaServer>());
        services.AddSingleton(sp => new LambdaWarmUp(sp.GetRequiredService<LambdaServer>()));
        return services;
    }

    /// <summary>
    /// Registers a SnapStart hook; hooks run in registration order, only under SnapStart. Call it after
    /// <c>AddLambdaHosting</c>: outside Lambda mode it registers nothing, so a hook may depend on
    /// <see cref="LambdaWarmUp"/> and the app still starts on Kestrel.
    /// </summary>
    public static IServiceCollection AddLambdaSnapStartHook<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THook>(
        this IServiceCollection services)
        where THook : class, ILambdaSnapStartHook
    {
        if (services.Any(d => d.ServiceType == typeof(LambdaWarmUp)))
        {
            services.AddSingleton<ILambdaSnapStartHook, THook>();
        }
        return services;
    }
}
