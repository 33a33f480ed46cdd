using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Tasks.Api.Persistence;

/// <summary>The table as the SAM template declares it; used where the app may create it (local, tests).</summary>
internal static class TaskTableSetup
{
    public static async Task EnsureExistsAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DescribeTableAsync(tableName, cancellationToken);
            return;
        }
        catch (ResourceNotFoundException)
        {
        }
        try
        {
            await dynamoDb.CreateTableAsync(new CreateTableRequest
            {
                TableName = tableName,
                BillingMode = BillingMode.PAY_PER_REQUEST,
                KeySchema =
                [
                    new KeySchemaElement(TaskTable.PartitionKey, KeyType.HASH),
                    new KeySchemaElement(TaskTable.SortKey, KeyType.RANGE),
                ],
                AttributeDefinitions =
                [
                    new AttributeDefinition(TaskTable.PartitionKey, ScalarAttributeType.S),
                    new AttributeDefinition(TaskTable.SortKey, ScalarAttributeType.S),
                ],
            }, cancellationToken);
            await dynamoDb.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
            {
                TableName = tableName,
                TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = TaskTable.TimeToLiveAttribute, Enabled = true },
            }, cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Created meanwhile by another process, which also set its time to live.
        }
    }
}
