using System.Text.Json;
using Tasks.Api.Persistence;

namespace Deployment.Tests;

public sealed class TableTemplateTests
{
    private static JsonElement Table => RepositoryFiles.Resources.GetProperty("TasksTable");

    private static JsonElement Properties => Table.GetProperty("Properties");

    [Fact]
    public void KeySchema_HashAndRange_EqualTaskTableConstants()
    {
        var keys = Properties.GetProperty("KeySchema").EnumerateArray()
            .ToDictionary(k => k.GetProperty("KeyType").GetString()!, k => k.GetProperty("AttributeName").GetString());

        Assert.Equal(2, keys.Count);
        Assert.Equal(TaskTable.PartitionKey, keys["HASH"]);
        Assert.Equal(TaskTable.SortKey, keys["RANGE"]);
    }

    [Fact]
    public void AttributeDefinitions_KeyAttributes_AreExactlyTheKeysAsStrings()
    {
        var definitions = Properties.GetProperty("AttributeDefinitions").EnumerateArray()
            .ToDictionary(d => d.GetProperty("AttributeName").GetString()!, d => d.GetProperty("AttributeType").GetString());

        Assert.Equal(
            new Dictionary<string, string?> { [TaskTable.PartitionKey] = "S", [TaskTable.SortKey] = "S" },
            definitions);
    }

    [Fact]
    public void TimeToLive_Enabled_UsesTaskTableAttribute()
    {
        var ttl = Properties.GetProperty("TimeToLiveSpecification");

        Assert.True(ttl.GetProperty("Enabled").GetBoolean());
        Assert.Equal(TaskTable.TimeToLiveAttribute, ttl.GetProperty("AttributeName").GetString());
    }

    [Fact]
    public void Billing_OnDemandWithRecoveryAndTheAwsOwnedKey_IsConfigured()
    {
        Assert.Equal("PAY_PER_REQUEST", Properties.GetProperty("BillingMode").GetString());
        Assert.True(Properties.GetProperty("PointInTimeRecoverySpecification").GetProperty("PointInTimeRecoveryEnabled").GetBoolean());
        // No SSESpecification: encrypted at rest with the AWS owned key, at no KMS charge (docs/security.md says why).
        Assert.False(Properties.TryGetProperty("SSESpecification", out _));
    }

    [Fact]
    public void DeletionProtection_ProdOnly_IsConditionedOnTheStageParameter()
    {
        var fnIf = Properties.GetProperty("DeletionProtectionEnabled").GetProperty("Fn::If");

        Assert.True(fnIf[1].GetBoolean());
        Assert.False(fnIf[2].GetBoolean());
        AssertIsProdStageCondition(fnIf[0].GetString()!);
    }

    [Fact]
    public void DeletionPolicy_AnyStage_RetainsTheTable()
    {
        // DeletionPolicy accepts no Fn::If, so the data is kept for every stage (the README's Deploy section says how to drop a dev table).
        Assert.Equal("Retain", Table.GetProperty("DeletionPolicy").GetString());
        Assert.Equal("Retain", Table.GetProperty("UpdateReplacePolicy").GetString());
    }

    internal static void AssertIsProdStageCondition(string conditionName)
    {
        var condition = RepositoryFiles.Template.GetProperty("Conditions").GetProperty(conditionName);

        Assert.Equal("""{"Fn::Equals":[{"Ref":"Stage"},"prod"]}""", JsonSerializer.Serialize(condition));
        Assert.Equal(
            ["dev", "prod"],
            RepositoryFiles.Template.GetProperty("Parameters").GetProperty("Stage").GetProperty("AllowedValues")
                .EnumerateArray().Select(v => v.GetString()));
    }
}
