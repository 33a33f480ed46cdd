using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Tasks.Api.Tasks;

namespace Tasks.Api.Persistence;

/// <summary>TaskItem to and from DynamoDB attributes. The names here are the item's schema.</summary>
internal static class TaskItemMapper
{
    public const string OwnerId = TaskTable.PartitionKey;
    public const string TaskId = TaskTable.SortKey;
    public const string Title = "title";
    public const string Description = "description";
    public const string Status = "status";
    public const string DueDate = "dueDate";
    public const string CreatedAt = "createdAt";
    public const string UpdatedAt = "updatedAt";
    public const string Version = "version";

    /// <summary>A fresh id per write call, stored with the item: after a failed condition it tells our own landed write from another's.</summary>
    public const string WriteId = "writeId";

    public static Dictionary<string, AttributeValue> Key(string ownerId, Guid id) => new()
    {
        [OwnerId] = new AttributeValue { S = ownerId },
        [TaskId] = new AttributeValue { S = TaskIds.Format(id) },
    };

    public static Dictionary<string, AttributeValue> ToItem(TaskItem task, Guid writeId)
    {
        var item = Key(task.OwnerId, task.Id);
        item[WriteId] = new AttributeValue { S = writeId.ToString("N") };
        item[Title] = new AttributeValue { S = task.Title };
        item[Status] = new AttributeValue { S = task.Status };
        item[CreatedAt] = new AttributeValue { S = FormatTime(task.CreatedAt) };
        item[UpdatedAt] = new AttributeValue { S = FormatTime(task.UpdatedAt) };
        item[Version] = new AttributeValue { N = task.Version.ToString(CultureInfo.InvariantCulture) };
        // DynamoDB refuses empty strings nowhere but in keys; an absent optional field is simply not stored.
        if (task.Description is not null)
        {
            item[Description] = new AttributeValue { S = task.Description };
        }
        if (task.DueDate is { } due)
        {
            item[DueDate] = new AttributeValue { S = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }
        return item;
    }

    public static TaskItem FromItem(Dictionary<string, AttributeValue> item) => new(
        OwnerId: String(item, OwnerId)!,
        Id: Guid.ParseExact(String(item, TaskId)!, "D"),
        Title: String(item, Title)!,
        Description: String(item, Description),
        Status: String(item, Status) ?? TaskStatuses.Todo,
        DueDate: String(item, DueDate) is { } due ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
        CreatedAt: DateTimeOffset.Parse(String(item, CreatedAt)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        UpdatedAt: DateTimeOffset.Parse(String(item, UpdatedAt)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Version: long.Parse(item[Version].N, CultureInfo.InvariantCulture));

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string? String(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
