namespace Lambda.Hosting.HttpApiV2;

internal sealed record HttpApiV2Response
{
    public int StatusCode { get; init; }
    public Dictionary<string, string>? Headers { get; init; }
    public List<string>? Cookies { get; init; }
    public string? Body { get; init; }
    public bool IsBase64Encoded { get; init; }
}

internal sealed record ProblemBody(string Type, string Title, int Status, string? Detail, string RequestId);
