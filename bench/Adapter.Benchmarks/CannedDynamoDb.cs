using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Adapter.Benchmarks;

/// <summary>
/// The DynamoDB client the app gets in the benchmarks: GetItem and DescribeTable answered in-process from
/// constants, so a benchmark times the adapter and the app (repository and mapper included), not the SDK's HTTP.
/// </summary>
internal sealed class CannedDynamoDb() : AmazonDynamoDBClient(
    new BasicAWSCredentials("bench", "bench"),
    // Never contacted: every call the benchmarks make is overridden below.
    new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1" })
{
    public const string OwnerId = "public";
    public const string TaskId = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    public const int ListPageSize = 100;

    private static readonly Task<GetItemResponse> Item = Task.FromResult(new GetItemResponse
    {
        Item = TaskItem(TaskId, "Write the performance report", "Cold start, adapter overhead, memory, throughput."),
    });

    private static readonly Task<DescribeTableResponse> Table = Task.FromResult(new DescribeTableResponse
    {
        Table = new TableDescription { TableName = "BenchTasks", TableStatus = TableStatus.ACTIVE },
    });

    /// <summary>
    /// A full list page: 100 tasks plus the one that tells another page follows. Titles and descriptions carry what
    /// real text does: accents, quotes, apostrophes, ampersands and angle brackets (what an escaping encoder inflates).
    /// </summary>
    private static readonly Task<QueryResponse> Page = Task.FromResult(new QueryResponse
    {
        Items = Enumerable.Range(0, ListPageSize + 1).Select(i => TaskItem(
            new Guid(0x0193a1b2, 0xc3d4, 0x7e5f, 0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, (byte)i).ToString(),
            $"Réunion n°{i}: \"Q&A\" <équipe> l'après-midi",
            "Préparer l'ordre du jour & envoyer les invitations (café, thé) à l'équipe de Zürich: \"<b>urgent</b>\".")).ToList(),
        Count = ListPageSize + 1,
        ScannedCount = ListPageSize + 1,
    });

    private static Dictionary<string, AttributeValue> TaskItem(string taskId, string title, string description) => new()
    {
        ["ownerId"] = new() { S = OwnerId },
        ["taskId"] = new() { S = taskId },
        ["title"] = new() { S = title },
        ["description"] = new() { S = description },
        ["status"] = new() { S = "todo" },
        ["dueDate"] = new() { S = "2026-12-01" },
        ["createdAt"] = new() { S = "2026-11-25T12:00:00.000Z" },
        ["updatedAt"] = new() { S = "2026-11-25T12:30:00.000Z" },
        ["version"] = new() { N = "3" },
    };

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) => Page;

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) => Item;

    public override Task<DescribeTableResponse> DescribeTableAsync(DescribeTableRequest request, CancellationToken cancellationToken = default) => Table;

    public override Task<DescribeTableResponse> DescribeTableAsync(string tableName, CancellationToken cancellationToken = default) => Table;
}
