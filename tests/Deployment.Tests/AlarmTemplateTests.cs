using System.Text.Json;
using System.Text.RegularExpressions;
using Lambda.Hosting;
using Tasks.Api.Persistence;
using Tasks.Api.Platform.Metrics;

namespace Deployment.Tests;

public sealed class AlarmTemplateTests
{
    private static readonly string[] TreatMissingDataValues = ["breaching", "notBreaching", "ignore", "missing"];

    public static TheoryData<string> AlarmIds()
    {
        var data = new TheoryData<string>();
        foreach (var (logicalId, _) in RepositoryFiles.ResourcesOfType("AWS::CloudWatch::Alarm"))
        {
            data.Add(logicalId);
        }

        return data;
    }

    [Fact]
    public void Alarms_Template_CoverLambdaApiAndTable()
    {
        var namespaces = RepositoryFiles.ResourcesOfType("AWS::CloudWatch::Alarm")
            .SelectMany(alarm => Namespaces(alarm.Resource.GetProperty("Properties")))
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "AWS/Lambda", "AWS/ApiGateway", "AWS/DynamoDB" }, namespaces);
    }

    [Fact]
    public void DurationAlarm_Threshold_IsEightyPercentOfTheFunctionTimeout()
    {
        var timeoutMs = FunctionProperties.GetProperty("Timeout").GetInt32() * 1000;

        Assert.Equal(0.8 * timeoutMs, Alarm("FunctionDurationAlarm").GetProperty("Threshold").GetDouble());
    }

    [Fact]
    public void DynamoDbRetryBudget_Defaults_FitBeforeRequestAbortedFires()
    {
        var options = new DynamoDbOptions();
        var timeout = TimeSpan.FromSeconds(FunctionProperties.GetProperty("Timeout").GetInt32());
        // Every attempt at its limit, plus a generous second for the standard mode's jittered back-offs.
        var worstCall = options.RequestTimeout * (options.MaxRetries + 1) + TimeSpan.FromSeconds(1);

        Assert.True(worstCall < timeout - new LambdaHostingOptions().AbortBeforeDeadline,
            $"one DynamoDB call may take {worstCall}; the function times out after {timeout}");
    }

    [Fact]
    public void Dashboard_AppMetrics_UseTheNamespaceAndDimensionTheFunctionEmits()
    {
        var variables = FunctionProperties.GetProperty("Environment").GetProperty("Variables");
        var metricsNamespace = variables.GetProperty($"{MetricsOptions.Section}__{nameof(MetricsOptions.Namespace)}").GetString()!;
        var dashboard = RepositoryFiles.Resources.GetProperty("TasksDashboard").GetProperty("Properties")
            .GetProperty("DashboardBody").GetProperty("Fn::Sub").GetString()!;

        Assert.Equal(new MetricsOptions().Namespace, metricsNamespace);
        foreach (var metric in new[] { "TasksCreated", "TasksUpdated", "TasksDeleted", "ValidationFailures", "Conflicts", "DynamoDbLatency" })
        {
            Assert.Contains($"[\"{metricsNamespace}\",\"{metric}\",\"{EmfWriter.StageDimension}\",\"${{Stage}}\"", dashboard, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConcurrencyAlarm_Threshold_IsAShareOfTheAccountQuotaParameter()
    {
        var alarm = Alarm("FunctionConcurrencyAlarm");
        var share = Assert.Single(alarm.GetProperty("Metrics").EnumerateArray(), m => m.GetProperty("ReturnData").GetBoolean());
        var mapping = RepositoryFiles.Template.GetProperty("Mappings").GetProperty("StageSettings");

        Assert.Equal("100 * concurrency / ${AccountConcurrencyLimit}", share.GetProperty("Expression").GetProperty("Fn::Sub").GetString());
        Assert.Equal("""{"Fn::FindInMap":["StageSettings",{"Ref":"Stage"},"ConcurrencyAlarmPercent"]}""", JsonSerializer.Serialize(alarm.GetProperty("Threshold")));
        Assert.Equal(80, mapping.GetProperty("prod").GetProperty("ConcurrencyAlarmPercent").GetInt32());
        Assert.Equal(1000, RepositoryFiles.Template.GetProperty("Parameters").GetProperty("AccountConcurrencyLimit").GetProperty("Default").GetInt32());
    }

    [Fact]
    public void DynamoDbOperations_AlarmsAndDashboard_OnlyTheOnesTheAppCalls()
    {
        // Per-operation series for calls the app never makes (UpdateItem) can never have data.
        var called = FunctionProperties.GetProperty("Policies").EnumerateArray()
            .SelectMany(policy => policy.GetProperty("Statement").EnumerateArray())
            .SelectMany(statement => statement.GetProperty("Action").EnumerateArray())
            .Select(action => action.GetString()!["dynamodb:".Length..])
            .Append("TransactWriteItems")
            .ToHashSet(StringComparer.Ordinal);
        var text = RepositoryFiles.ReadText("serverless.template");
        var operations = Regex.Matches(text, @"""Operation\\?"",\s*(?:""Value"":\s*)?\\?""(\w+)")
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(operations);
        Assert.Subset(called, operations);
    }

    [Theory]
    [MemberData(nameof(AlarmIds))]
    public void Actions_AlarmAndOk_NotifyTheAlarmTopic(string alarmId)
    {
        var properties = Alarm(alarmId);
        var topics = RepositoryFiles.ResourcesOfType("AWS::SNS::Topic").Select(t => t.LogicalId).ToList();

        foreach (var actions in new[] { "AlarmActions", "OKActions" })
        {
            var targets = properties.GetProperty(actions).EnumerateArray()
                .Select(a => a.TryGetProperty("Ref", out var r) ? r.GetString() : null)
                .ToList();
            Assert.Contains(targets, target => target is not null && topics.Contains(target));
        }
    }

    [Theory]
    [MemberData(nameof(AlarmIds))]
    public void Description_EveryAlarm_SaysWhatToDoAndPointsToTheRunbook(string alarmId)
    {
        var properties = Alarm(alarmId);
        var description = properties.GetProperty("AlarmDescription").GetString();

        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.InRange(description!.Length, 40, 1024);
        Assert.Contains("docs/operations.md#", description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlarmIds))]
    public void TreatMissingData_EveryAlarm_IsChosenExplicitly(string alarmId)
    {
        Assert.Contains(Alarm(alarmId).GetProperty("TreatMissingData").GetString(), TreatMissingDataValues);
    }

    [Theory]
    [MemberData(nameof(AlarmIds))]
    public void Runbook_EveryAlarm_HasASectionInOperationsDoc(string alarmId)
    {
        var description = Alarm(alarmId).GetProperty("AlarmDescription").GetString()!;
        var anchor = description[(description.IndexOf('#', StringComparison.Ordinal) + 1)..].Trim();
        var headingAnchors = RepositoryFiles.ReadText("docs/operations.md").Split('\n')
            .Where(line => line.StartsWith("## ", StringComparison.Ordinal))
            .Select(line => GitHubAnchor(line[3..]));

        Assert.Contains(anchor, headingAnchors);
    }

    private static JsonElement FunctionProperties => RepositoryFiles.Resources.GetProperty("TasksFunction").GetProperty("Properties");

    private static JsonElement Alarm(string alarmId) =>
        RepositoryFiles.Resources.GetProperty(alarmId).GetProperty("Properties");

    // GitHub's heading slug: lower case, spaces to hyphens, punctuation dropped.
    private static string GitHubAnchor(string heading) =>
        new string(heading.Trim().ToLowerInvariant()
            .Select(c => c == ' ' ? '-' : c)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            .ToArray());

    private static IEnumerable<string> Namespaces(JsonElement properties)
    {
        if (properties.TryGetProperty("Namespace", out var ns))
        {
            yield return ns.GetString()!;
        }

        if (properties.TryGetProperty("Metrics", out var metrics))
        {
            foreach (var metric in metrics.EnumerateArray())
            {
                if (metric.TryGetProperty("MetricStat", out var stat))
                {
                    yield return stat.GetProperty("Metric").GetProperty("Namespace").GetString()!;
                }
            }
        }
    }
}
