using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tasks.Api.Persistence;

internal sealed class DynamoDbHealthCheck(IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var table = await dynamoDb.DescribeTableAsync(options.Value.TableName, cancellationToken);
            return table.Table.TableStatus == TableStatus.ACTIVE || table.Table.TableStatus == TableStatus.UPDATING
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The table is {table.Table.TableStatus}.");
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("DynamoDB did not answer.", e);
        }
    }
}
