namespace Tasks.Api.Persistence;

/// <summary>
/// The one place that names the DynamoDB table's shape. The SAM template declares the same
/// names; tests/Deployment.Tests fails if the two drift apart.
/// </summary>
public static class TaskTable
{
    public const string ConfigSection = "DynamoDb";
    public const string TableNameKey = "DynamoDb:TableName";
    public const string DefaultTableName = "Tasks";

    public const string PartitionKey = "ownerId";
    public const string SortKey = "taskId";
    public const string TimeToLiveAttribute = "expiresAt";
}
