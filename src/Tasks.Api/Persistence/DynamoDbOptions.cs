namespace Tasks.Api.Persistence;

internal sealed class DynamoDbOptions
{
    public string TableName { get; set; } = TaskTable.DefaultTableName;

    /// <summary>An emulator's endpoint (DynamoDB Local); unset in AWS, where the SDK resolves the regional one.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Creates the table at start when it is missing: for local development and tests only.</summary>
    public bool CreateTableIfMissing { get; set; }

    /// <summary>
    /// One HTTP attempt's limit. Two attempts and their back-off must fit well inside the API's own
    /// budget (the Lambda deadline), so a stalled DynamoDB is answered 503 rather than killing the function.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many items one filtered Query evaluates; DynamoDB filters after its limit, so a page may take several.</summary>
    public int FilteredQueryBatchSize { get; set; } = 200;

    /// <summary>
    /// A filtered page stops reading after this many items even with fewer matches than asked for, and
    /// hands back a cursor: a very sparse filter costs the caller more pages, never one unbounded request.
    /// </summary>
    public int MaxItemsEvaluatedPerPage { get; set; } = 2000;

    /// <summary>Retries after the first attempt, with the SDK's standard mode (jittered back-off, retry quota).</summary>
    public int MaxRetries { get; set; } = 2;
}
