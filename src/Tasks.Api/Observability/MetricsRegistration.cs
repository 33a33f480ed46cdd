using Lambda.Hosting;
using Microsoft.Extensions.Options;
using Tasks.Api.Tasks;

namespace Tasks.Api.Observability;

/// <summary>
/// One EMF line per /tasks request: the counts operators watch, read off the endpoint and the status
/// it answered (so no handler has to remember to count), and each DynamoDB call's latency.
/// </summary>
internal static class MetricsRegistration
{
    private static readonly double[] One = [1];

    /// <summary>
    /// Outside Development, logs are one JSON object a line with their scopes (the Lambda and API
    /// request ids); the slim builder ships only the plain console formatter, so JSON is added here.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
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
        builder.Services.AddTaskMetrics(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddTaskMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton(sp => new EmfWriter(
            Console.Out,
            sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Namespace,
            configuration["Stage"] is { Length: > 0 } stage ? stage : "local"));
        return services;
    }

    public static WebApplication UseTaskMetrics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Enabled)
        {
            return app;
        }
        var writer = app.Services.GetRequiredService<EmfWriter>();
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            var metrics = new RequestMetrics();
            RequestMetrics.Current = metrics;
            try
            {
                await next(context);
            }
            finally
            {
                RequestMetrics.Current = null;
                Flush(writer, clock, context, metrics);
            }
        });
        return app;
    }

    private static void Flush(EmfWriter writer, TimeProvider clock, HttpContext context, RequestMetrics metrics)
    {
        var endpoint = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var status = context.Response.StatusCode;
        var values = new List<(string, string, IReadOnlyList<double>)>();
        var counted = (endpoint, status) switch
        {
            ("CreateTask", 201) when !context.Response.Headers.ContainsKey(IdempotencyKeys.ReplayedHeader) => "TasksCreated",
            ("ReplaceTask" or "PatchTask", 200) => "TasksUpdated",
            ("DeleteTask", 204) => "TasksDeleted",
            (_, 400 or 413 or 415 or 422) => "ValidationFailures",
            (_, 409 or 412) => "Conflicts",
            _ => null,
        };
        if (counted is not null)
        {
            values.Add((counted, "Count", One));
        }
        if (metrics.DynamoDbMilliseconds.Count > 0)
        {
            values.Add(("DynamoDbLatency", "Milliseconds", metrics.DynamoDbMilliseconds));
        }
        var invocation = context.Features.Get<ILambdaInvocationFeature>();
        writer.Write(clock.GetUtcNow(), values,
        [
            ("RequestId", context.TraceIdentifier),
            ("Endpoint", endpoint ?? "none"),
            ("StatusCode", status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("ApiRequestId", invocation?.ApiRequestId ?? ""),
            ("TraceId", invocation?.TraceId ?? ""),
        ]);
    }
}
