using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Tasks.Api.Tasks;
using static Tasks.Api.Persistence.TaskItemMapper;

namespace Tasks.Api.Persistence;

internal sealed class DynamoDbTaskRepository(IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> options) : ITaskRepository
{
    /// <summary>How many items one filtered Query evaluates; a filter is applied after the limit, so a page may take several.</summary>
    private const int FilteredBatch = 200;

    private readonly string _table = options.Value.TableName;

    public async Task<TaskItem?> GetAsync(string ownerId, Guid id, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(ownerId, id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<TaskListPage> ListAsync(string ownerId, string? status, int limit, Guid? after, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string> { ["#owner"] = OwnerId };
        var values = new Dictionary<string, AttributeValue> { [":owner"] = new() { S = ownerId } };
        var keyCondition = "#owner = :owner";
        if (after is { } lastId)
        {
            names["#task"] = TaskId;
            values[":after"] = new AttributeValue { S = TaskIds.Format(lastId) };
            keyCondition += " AND #task > :after";
        }
        string? filter = null;
        if (status is not null)
        {
            names["#status"] = Status;
            values[":status"] = new AttributeValue { S = status };
            filter = "#status = :status";
        }

        // One item past the page tells whether another page follows, without a further round trip.
        var wanted = limit + 1;
        var items = new List<TaskItem>(wanted);
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = _table,
                KeyConditionExpression = keyCondition,
                FilterExpression = filter,
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ScanIndexForward = true,
                ConsistentRead = true,
                Limit = filter is null ? wanted - items.Count : FilteredBatch,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                if (items.Count == wanted)
                {
                    break;
                }
                items.Add(FromItem(item));
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } key ? key : null;
        }
        while (items.Count < wanted && startKey is not null);

        var hasMore = items.Count > limit;
        return new TaskListPage(hasMore ? items.GetRange(0, limit) : items, hasMore);
    }

    public Task<bool> CreateAsync(TaskItem task, CancellationToken cancellationToken) =>
        Conditional(() => dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(task),
            ConditionExpression = "attribute_not_exists(#task)",
            ExpressionAttributeNames = new() { ["#task"] = TaskId },
        }, cancellationToken));

    public Task<bool> ReplaceAsync(TaskItem task, long expectedVersion, CancellationToken cancellationToken) =>
        Conditional(() => dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(task),
            ConditionExpression = "#version = :expected",
            ExpressionAttributeNames = new() { ["#version"] = TaskItemMapper.Version },
            ExpressionAttributeValues = new() { [":expected"] = Number(expectedVersion) },
        }, cancellationToken));

    public Task<bool> DeleteAsync(string ownerId, Guid id, long expectedVersion, CancellationToken cancellationToken) =>
        Conditional(() => dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = _table,
            Key = Key(ownerId, id),
            ConditionExpression = "#version = :expected",
            ExpressionAttributeNames = new() { ["#version"] = TaskItemMapper.Version },
            ExpressionAttributeValues = new() { [":expected"] = Number(expectedVersion) },
        }, cancellationToken));

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A failed condition is an answer (false), not an error: it is translated here, at the edge.</summary>
    private static async Task<bool> Conditional(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }
}
