using System.Net;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;

namespace Adapter.Benchmarks;

/// <summary>
/// The AWS SDK's own CPU per GetItem (request marshalling, SigV4 signing, pipeline, response unmarshalling) with
/// the HTTP exchange answered in-process: the part of the API's per-request cost that is neither the adapter
/// nor DynamoDB. Configured as DynamoDbRegistration configures the app's client.
/// </summary>
[MemoryDiagnoser]
public class DynamoDbClientBenchmarks
{
    private static readonly byte[] GetItemBody = Encoding.UTF8.GetBytes(
        """{"Item":{"ownerId":{"S":"public"},"taskId":{"S":"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"},"title":{"S":"Write the performance report"},"status":{"S":"todo"},"createdAt":{"S":"2026-11-25T12:00:00.000Z"},"updatedAt":{"S":"2026-11-25T12:30:00.000Z"},"version":{"N":"3"}}}""");

    private AmazonDynamoDBClient _client = null!;
    private GetItemRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new AmazonDynamoDBClient(new BasicAWSCredentials("bench", "bench"), new AmazonDynamoDBConfig
        {
            ServiceURL = "http://127.0.0.1:9",
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromSeconds(2),
            MaxErrorRetry = 2,
            RetryMode = RequestRetryMode.Standard,
            HttpClientFactory = new CannedHttpClientFactory(),
        });
        _request = new GetItemRequest
        {
            TableName = "BenchTasks",
            Key = new Dictionary<string, AttributeValue>
            {
                ["ownerId"] = new() { S = "public" },
                ["taskId"] = new() { S = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" },
            },
            ConsistentRead = true,
        };
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    [Benchmark]
    public Task<GetItemResponse> SdkGetItem() => _client.GetItemAsync(_request);

    private sealed class CannedHttpClientFactory : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new CannedHandler());
    }

    private sealed class CannedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(GetItemBody) };
            response.Content.Headers.ContentType = new("application/x-amz-json-1.0");
            response.Headers.Add("x-amzn-RequestId", "BENCH");
            return Task.FromResult(response);
        }
    }
}
