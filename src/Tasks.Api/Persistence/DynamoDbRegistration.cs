using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Tasks.Api.Platform.Http;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Tasks;

namespace Tasks.Api.Persistence;

internal static class DynamoDbRegistration
{
    public static IServiceCollection AddDynamoDbPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DynamoDbOptions>()
            .Bind(configuration.GetSection(TaskTable.ConfigSection))
            .Validate(o => !string.IsNullOrWhiteSpace(o.TableName), $"{TaskTable.TableNameKey} must name the tasks table.")
            .ValidateOnStart();
        // Built by hand rather than through AWSSDK.Extensions.NETCore.Setup: no reflection, and the
        // timeouts and retry policy are set here in plain sight.
        services.AddSingleton<IAmazonDynamoDB>(sp => CreateClient(
            sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value, sp.GetRequiredService<IMetricsRecorder>()));
        services.AddSingleton<ITaskRepository, DynamoDbTaskRepository>();
        services.AddSingleton<ITransientFaults, DynamoDbTransientFaults>();
        services.AddHealthChecks().AddCheck<DynamoDbHealthCheck>("dynamodb");
        return services;
    }

    private static MeteredDynamoDbClient CreateClient(DynamoDbOptions options, IMetricsRecorder metrics)
    {
        var config = new AmazonDynamoDBConfig
        {
            Timeout = options.RequestTimeout,
            MaxErrorRetry = options.MaxRetries,
            RetryMode = RequestRetryMode.Standard,
        };
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            return new MeteredDynamoDbClient(config, metrics);
        }
        // An emulator takes any credentials; setting a region after ServiceURL would replace the URL.
        config.ServiceURL = options.ServiceUrl;
        config.AuthenticationRegion = "us-east-1";
        return new MeteredDynamoDbClient(new BasicAWSCredentials("local", "local"), config, metrics);
    }

    /// <summary>
    /// Where <see cref="DynamoDbOptions.CreateTableIfMissing"/> is on (local runs and tests), makes the
    /// table exist, and returns a one-line reason when DynamoDB cannot be reached at all.
    /// </summary>
    public static async Task<string?> PrepareDynamoDbAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<DynamoDbOptions>>().Value;
        if (!options.CreateTableIfMissing)
        {
            return null;
        }
        var dynamoDb = app.Services.GetRequiredService<IAmazonDynamoDB>();
        try
        {
            await TaskTableSetup.EnsureExistsAsync(dynamoDb, options.TableName, cancellationToken);
            return null;
        }
        catch (Exception e) when (DynamoDbTransientFaults.IsUnreachable(e))
        {
            return $"DynamoDB is not reachable at {options.ServiceUrl ?? "the AWS regional endpoint"}: start DynamoDB Local " +
                "with ./run.sh (which starts both), `docker compose up -d`, or `tools/dynamodb-local/start.sh 8000 .dynamodb-local/data`.";
        }
    }
}
