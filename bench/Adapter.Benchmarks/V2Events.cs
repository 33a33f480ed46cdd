using System.Text;

namespace Adapter.Benchmarks;

/// <summary>A v2 event shaped like API Gateway's for the $default stage (headers as a browser-less client sends them).</summary>
internal static class V2Events
{
    public static byte[] Get(string path, string query = "") => Encoding.UTF8.GetBytes($$"""
        {
          "version": "2.0",
          "routeKey": "$default",
          "rawPath": "{{path}}",
          "rawQueryString": "{{query}}",
          "headers": {
            "accept": "application/json",
            "accept-encoding": "gzip, deflate, br",
            "host": "abc123.execute-api.us-east-1.amazonaws.com",
            "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
            "x-amzn-trace-id": "Root=1-6743f1a2-0123456789abcdef01234567",
            "x-forwarded-for": "203.0.113.7",
            "x-forwarded-port": "443",
            "x-forwarded-proto": "https"
          },
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "abc123",
            "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "abc123",
            "http": {
              "method": "GET",
              "path": "{{path}}",
              "protocol": "HTTP/1.1",
              "sourceIp": "203.0.113.7",
              "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            },
            "requestId": "BxQ3mgQzjoEEMvw=",
            "routeKey": "$default",
            "stage": "$default",
            "time": "25/Nov/2026:12:00:00 +0000",
            "timeEpoch": 1795608000000
          },
          "isBase64Encoded": false
        }
        """);
}
