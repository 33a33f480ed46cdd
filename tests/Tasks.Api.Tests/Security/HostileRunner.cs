using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Tasks.Api.Tests.Security;

/// <summary>Sends one hostile case and holds the answer to the rules, whatever server stands behind the client.</summary>
public static class HostileRunner
{
    public static async Task AssertAnsweredSafelyAsync(HttpClient client, HostileCase c, string sentinelId, TableSnapshot table)
    {
        var before = await table.TakeAsync();
        if (c.NeedsRawHttp)
        {
            var raw = await Infrastructure.RawHttp.SendAsync(client.BaseAddress!, c.Method, c.Path.Replace(HostileRequests.Id, sentinelId),
                c.ContentType is null ? c.Headers : [KeyValuePair.Create("Content-Type", c.ContentType), .. c.Headers], c.Body);
            Assert.True(c.Statuses.Contains(raw.Status), $"{c.Name}: expected {string.Join(" or ", c.Statuses)}, got {raw.Status}: {raw.Body}");
            Assert.Equal("application/problem+json", raw.ContentType);
            Assert.Equal(raw.Status, JsonDocument.Parse(raw.Body).RootElement.GetProperty("status").GetInt32());
            Assert.Equal(before, await table.TakeAsync());
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(c.Method),
            c.Path.Replace(HostileRequests.Id, sentinelId).Replace(HostileRequests.Missing, Guid.CreateVersion7().ToString()));
        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.ContentType = c.ContentType is null ? null : MediaTypeHeaderValue.Parse(c.ContentType);
            // A server may answer 413 and close before a large body is sent; waiting for 100-continue lets the
            // client read that answer instead of failing on a broken pipe.
            request.Headers.ExpectContinue = c.Body.Length > 64 * 1024;
        }
        foreach (var (name, value) in c.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);

        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{c.Name}: answered {status}: {text}");
        if (c.IsValidInput)
        {
            Assert.True(status is >= 200 and < 300, $"{c.Name}: valid input answered {status}: {text}");
            return;
        }
        Assert.True(c.Statuses.Contains(status), $"{c.Name}: expected {string.Join(" or ", c.Statuses)}, got {status}: {text}");
        if (c.ServerMayRefuse && text.Length == 0)
        {
            Assert.Equal(before, await table.TakeAsync());
            return;
        }
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(status, JsonDocument.Parse(text).RootElement.GetProperty("status").GetInt32());
        Assert.Equal(before, await table.TakeAsync());
    }
}

/// <summary>The whole table as one string, read straight from DynamoDB: equal snapshots mean nothing was written.</summary>
public sealed class TableSnapshot(string serviceUrl, string tableName) : IDisposable
{
    private readonly AmazonDynamoDBClient _client = new(new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl, AuthenticationRegion = "us-east-1" });

    public async Task<string> TakeAsync()
    {
        var lines = new List<string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _client.ScanAsync(new ScanRequest { TableName = tableName, ConsistentRead = true, ExclusiveStartKey = start });
            lines.AddRange((page.Items ?? []).Select(item => string.Join(';', item.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => $"{a.Key}={a.Value.S}{a.Value.N}"))));
            start = page.LastEvaluatedKey is { Count: > 0 } key ? key : null;
        }
        while (start is not null);
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    public void Dispose() => _client.Dispose();
}
