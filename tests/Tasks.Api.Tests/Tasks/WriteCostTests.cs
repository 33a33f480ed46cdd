using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.DependencyInjection;
using Tasks.Api.Persistence;
using Tasks.Api.Tasks;
using Tasks.Api.Tests.Infrastructure;

namespace Tasks.Api.Tests.Tasks;

/// <summary>
/// What recognising a write as our own costs, in write units as DynamoDB Local reports them (ReturnConsumedCapacity):
/// the write id on a put, and the one-item transaction with an idempotency token on a delete (docs/performance.md).
/// </summary>
public sealed class WriteCostTests(TasksApplication app) : IClassFixture<TasksApplication>
{
    [Fact]
    public async Task Put_WithWriteId_CostsOneWriteUnitAsWithout()
    {
        _ = app.CreateClient();
        var task = NewTask();

        var with = await PutAsync(TaskItemMapper.ToItem(task, Guid.NewGuid()));
        var item = TaskItemMapper.ToItem(task, Guid.NewGuid());
        item.Remove(TaskItemMapper.WriteId);
        var without = await PutAsync(item);

        Assert.Equal(1.0, with);
        Assert.Equal(without, with);
    }

    [Fact]
    public async Task Delete_AsTransactionWithToken_CostsMoreWriteUnitsThanDeleteItem()
    {
        _ = app.CreateClient();
        var first = NewTask();
        var second = NewTask();
        await PutAsync(TaskItemMapper.ToItem(first, Guid.NewGuid()));
        await PutAsync(TaskItemMapper.ToItem(second, Guid.NewGuid()));

        var transaction = await DynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
        {
            ClientRequestToken = Guid.NewGuid().ToString("N"),
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            TransactItems = [new TransactWriteItem { Delete = new Delete { TableName = app.TableName, Key = TaskItemMapper.Key(first.OwnerId, first.Id) } }],
        });
        var plain = await DynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = app.TableName,
            Key = TaskItemMapper.Key(second.OwnerId, second.Id),
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        });

        // DynamoDB Local reports 4 units for the one-item transaction; AWS documents 2 per item of up to 1 KB (prepare and commit).
        Assert.Equal(4.0, transaction.ConsumedCapacity.Sum(c => c.CapacityUnits ?? 0));
        Assert.Equal(1.0, plain.ConsumedCapacity.CapacityUnits);
    }

    private IAmazonDynamoDB DynamoDb => app.Services.GetRequiredService<IAmazonDynamoDB>();

    private async Task<double?> PutAsync(Dictionary<string, AttributeValue> item) =>
        (await DynamoDb.PutItemAsync(new PutItemRequest { TableName = app.TableName, Item = item, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL }))
        .ConsumedCapacity.CapacityUnits;

    private static TaskItem NewTask()
    {
        var now = DateTimeOffset.UtcNow;
        return new TaskItem($"cost-{Guid.NewGuid():N}", Guid.CreateVersion7(), "Buy milk", "Semi-skimmed, two litres", TaskStatuses.Todo,
            new DateOnly(2026, 12, 24), now, now, 3);
    }
}
