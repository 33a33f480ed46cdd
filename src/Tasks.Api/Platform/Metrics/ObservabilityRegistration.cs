using System.Globalization;
using Microsoft.Extensions.Options;

namespace Tasks.Api.Platform.Metrics;

/// <summary>
/// JSON logs outside Development, and one EMF line per request: the counts its endpoint declares (<see cref="CountMetric"/>)
/// and the failures every endpoint shares, read off the status it answered, plus the samples recorded while it ran.
/// </summary>
internal static class ObservabilityRegistration
{
    private static readonly double[] One = [1];

    /// <summary>The slim builder ships only the plain console formatter, so JSON (with the Lambda request ids in scopes) is added here.</summary>
    public static WebApplicationBuilder AddApiObservability(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        var configuration = builder.Configuration;
        builder.Services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IMetricsRecorder, HttpContextMetricsRecorder>();
        builder.Services.AddSingleton(sp => new EmfWriter(
            Console.Out,
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Namespace,
            configuration["Stage"] is { Length: > 0 } stage ? stage : "local"));
        return builder;
    }

    public static WebApplication UseApiObservability(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return app;
        }
        var writer = app.Services.GetRequiredService<EmfWriter>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            if (MetricsSuppression.IsActive)
            {
                await next(context);
                return;
            }
            var metrics = new RequestMetrics();
            context.Features.Set(metrics);
            try
            {
                await next(context);
            }
            finally
            {
                Flush(writer, clock, context, metrics);
            }
        });
        return app;
    }

    private static void Flush(EmfWriter writer, TimeProvider clock, HttpContext context, RequestMetrics metrics)
    {
        var endpoint = context.GetEndpoint();
        var status = context.Response.StatusCode;
        var values = new List<(string, string, IReadOnlyList<double>)>();
        var declared = endpoint?.Metadata.GetOrderedMetadata<CountMetric>()
            .FirstOrDefault(c => c.StatusCode == status && (c.UnlessHeader is null || !context.Response.Headers.ContainsKey(c.UnlessHeader)));
        var counted = declared?.Name ?? status switch
        {
            400 or 413 or 415 or 422 => "ValidationFailures",
            409 or 412 => "Conflicts",
            _ => null,
        };
        if (counted is not null)
        {
            values.Add((counted, "Count", One));
        }
        values.AddRange(metrics.Samples);
        writer.Write(clock.GetUtcNow(), values,
        [
            ("RequestId", context.TraceIdentifier),
            ("Endpoint", endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "none"),
            ("StatusCode", status.ToString(CultureInfo.InvariantCulture)),
            // Lambda.Hosting sets the X-Ray trace header here for each invocation, as the managed runtime does.
            ("TraceId", Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? ""),
        ]);
    }
}
