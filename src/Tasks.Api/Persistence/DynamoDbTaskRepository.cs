using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Options;
using Tasks.Api.Tasks;
using static Tasks.Api.Persistence.TaskItemMapper;

namespace Tasks.Api.Persistence;

internal sealed class DynamoDbTaskRepository(
    IAmazonDynamoDB dynamoDb, IOptions<DynamoDbOptions> options, TimeProvider clock) : ITaskRepository
{
    /// <summary>Above every task id (lower-case hex and hyphens), below every idempotency key: bounds a list to tasks.</summary>
    private const string TaskKeysEnd = "g";

    /// <summary>Transactions that collide with another on the same key are tried this many times, then answered 503.</summary>
    private const int TransactionAttempts = 5;

    private readonly string _table = options.Value.TableName;
    private readonly DynamoDbOptions _options = options.Value;

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
        // Idempotency records share the owner's partition but sort after every task: the bound keeps them out.
        names["#task"] = TaskId;
        values[":end"] = new AttributeValue { S = TaskKeysEnd };
        var keyCondition = "#owner = :owner AND #task < :end";
        string? skip = null;
        if (after is { } lastId)
        {
            skip = TaskIds.Format(lastId);
            values[":after"] = new AttributeValue { S = skip };
            // BETWEEN is inclusive: the cursor's own task, if it still exists, is dropped below.
            keyCondition = "#owner = :owner AND #task BETWEEN :after AND :end";
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
        var evaluated = 0;
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
                Limit = filter is null ? wanted - items.Count + (skip is null ? 0 : 1) : _options.FilteredQueryBatchSize,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            foreach (var item in response.Items ?? [])
            {
                if (items.Count == wanted)
                {
                    break;
                }
                if (skip is not null && item[TaskId].S == skip)
                {
                    continue;
                }
                items.Add(FromItem(item));
            }
            startKey = response.LastEvaluatedKey is { Count: > 0 } key ? key : null;
            evaluated += response.ScannedCount ?? 0;
            if (startKey is not null && items.Count < wanted && evaluated >= _options.MaxItemsEvaluatedPerPage)
            {
                // Out of budget for this page: the next one resumes after the last item read, match or not.
                return new TaskListPage(items, Guid.ParseExact(startKey[TaskId].S, "D"));
            }
        }
        while (items.Count < wanted && startKey is not null);

        return items.Count > limit
            ? new TaskListPage(items.GetRange(0, limit), items[limit - 1].Id)
            : new TaskListPage(items, null);
    }

    public async Task<bool> CreateAsync(TaskItem task, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid();
        return await Conditional(() => dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(task, writeId),
            ConditionExpression = "attribute_not_exists(#task)",
            ExpressionAttributeNames = new() { ["#task"] = TaskId },
        }, cancellationToken))
        || await WrittenByAsync(task.OwnerId, task.Id, writeId, cancellationToken);
    }

    public async Task<IdempotencyClaim?> CreateOnceAsync(TaskItem task, IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        // A replay is answered from a read: a transaction cancelled by its condition counts as a DynamoDB UserError
        // (the UserErrors alarm), and costs twice the write units of a put.
        if (await GetLiveClaimAsync(task.OwnerId, claim.Key, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        for (var attempt = 1; attempt <= TransactionAttempts; attempt++)
        {
            try
            {
                await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem
                        {
                            // A claim past its expiry is free again even before TTL has swept it away.
                            Put = new Put
                            {
                                TableName = _table,
                                Item = IdempotencyMapper.ToItem(task.OwnerId, claim),
                                ConditionExpression = "attribute_not_exists(#task) OR #expires < :now",
                                ExpressionAttributeNames = new() { ["#task"] = TaskId, ["#expires"] = IdempotencyMapper.ExpiresAt },
                                ExpressionAttributeValues = new() { [":now"] = Number(clock.GetUtcNow().ToUnixTimeSeconds()) },
                            },
                        },
                        new TransactWriteItem
                        {
                            Put = new Put
                            {
                                TableName = _table,
                                Item = ToItem(task, Guid.NewGuid()),
                                ConditionExpression = "attribute_not_exists(#task)",
                                ExpressionAttributeNames = new() { ["#task"] = TaskId },
                            },
                        },
                    ],
                }, cancellationToken);
                return null;
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons?.FirstOrDefault()?.Code == "ConditionalCheckFailed")
            {
                if (await GetLiveClaimAsync(task.OwnerId, claim.Key, cancellationToken) is { } earlier)
                {
                    // The SDK may have retried a transaction whose first attempt landed: then the claim is our own.
                    return earlier.RequestHash == claim.RequestHash && earlier.Response == claim.Response ? null : earlier;
                }
            }
            catch (Exception e) when (e is TransactionCanceledException or TransactionConflictException)
            {
                // Another request is writing the same key right now; its outcome decides ours.
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt), cancellationToken);
            }
        }
        throw new ContendedWriteException($"The idempotency key stayed contended over {TransactionAttempts} attempts.");
    }

    private async Task<IdempotencyClaim?> GetLiveClaimAsync(string ownerId, string key, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = IdempotencyMapper.Key(ownerId, key),
            ConsistentRead = true,
        }, cancellationToken);
        var claim = response.Item is { Count: > 0 } item ? IdempotencyMapper.FromItem(item) : null;
        return claim is not null && claim.ExpiresAt > clock.GetUtcNow() ? claim : null;
    }

    public async Task<bool> ReplaceAsync(TaskItem task, long expectedVersion, CancellationToken cancellationToken)
    {
        var writeId = Guid.NewGuid();
        return await Conditional(() => dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = _table,
            Item = ToItem(task, writeId),
            ConditionExpression = "#version = :expected",
            ExpressionAttributeNames = new() { ["#version"] = TaskItemMapper.Version },
            ExpressionAttributeValues = new() { [":expected"] = Number(expectedVersion) },
        }, cancellationToken))
        || await WrittenByAsync(task.OwnerId, task.Id, writeId, cancellationToken);
    }

    /// <summary>
    /// A delete leaves no item to carry a write id, so it is a one-item transaction with DynamoDB's own idempotency
    /// token: the SDK's retry of a delete whose answer was lost carries the same token, and DynamoDB answers it as the
    /// success it was (for 10 minutes) instead of failing its condition on the item that delete removed.
    /// </summary>
    public async Task<bool> DeleteAsync(string ownerId, Guid id, long expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                ClientRequestToken = Guid.NewGuid().ToString("N"),
                TransactItems =
                [
                    new TransactWriteItem
                    {
                        Delete = new Delete
                        {
                            TableName = _table,
                            Key = Key(ownerId, id),
                            ConditionExpression = "#version = :expected",
                            ExpressionAttributeNames = new() { ["#version"] = TaskItemMapper.Version },
                            ExpressionAttributeValues = new() { [":expected"] = Number(expectedVersion) },
                        },
                    },
                ],
            }, cancellationToken);
            return true;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.FirstOrDefault()?.Code is "ConditionalCheckFailed" or "TransactionConflict")
        {
            // Another writer changed or removed the task first: a lost race, which the caller re-reads.
            return false;
        }
    }

    /// <summary>
    /// After a failed condition: was the stored item written by this very call? It is when the SDK retried a write whose
    /// first attempt landed but whose answer was lost; that is this request's success. Equal content is not enough:
    /// two requests may write the same body, and only one of them wrote it.
    /// </summary>
    private async Task<bool> WrittenByAsync(string ownerId, Guid id, Guid writeId, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(ownerId, id),
            ConsistentRead = true,
            ProjectionExpression = "#write",
            ExpressionAttributeNames = new() { ["#write"] = TaskItemMapper.WriteId },
        }, cancellationToken);
        return response.Item is { } item && item.TryGetValue(TaskItemMapper.WriteId, out var stored) && stored.S == writeId.ToString("N");
    }

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>A failed condition is an answer (false), not an error: it is translated here, at the edge.</summary>
    private async Task<bool> Conditional(Func<Task> write)
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
