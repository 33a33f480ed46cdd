using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Tasks.Api.Tasks;

namespace Tasks.Api.Persistence;

/// <summary>
/// An idempotency claim lives in its owner's partition under the sort key <c>idempotency#KEY</c>,
/// which sorts after every task id, and is swept by the table's TTL on <c>expiresAt</c>.
/// </summary>
internal static class IdempotencyMapper
{
    public const string SortKeyPrefix = "idempotency#";
    public const string RequestHash = "requestHash";
    public const string Response = "response";
    public const string ExpiresAt = TaskTable.TimeToLiveAttribute;

    public static Dictionary<string, AttributeValue> Key(string ownerId, string key) => new()
    {
        [TaskTable.PartitionKey] = new AttributeValue { S = ownerId },
        [TaskTable.SortKey] = new AttributeValue { S = SortKeyPrefix + key },
    };

    public static Dictionary<string, AttributeValue> ToItem(string ownerId, IdempotencyClaim claim)
    {
        var item = Key(ownerId, claim.Key);
        item[RequestHash] = new AttributeValue { S = claim.RequestHash };
        item[Response] = new AttributeValue { S = claim.Response };
        item[ExpiresAt] = new AttributeValue { N = claim.ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        return item;
    }

    public static IdempotencyClaim FromItem(Dictionary<string, AttributeValue> item) => new(
        Key: item[TaskTable.SortKey].S[SortKeyPrefix.Length..],
        RequestHash: item[RequestHash].S,
        Response: item[Response].S,
        ExpiresAt: DateTimeOffset.FromUnixTimeSeconds(long.Parse(item[ExpiresAt].N, CultureInfo.InvariantCulture)));
}
