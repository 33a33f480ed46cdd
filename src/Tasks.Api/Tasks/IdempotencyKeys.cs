using System.Security.Cryptography;
using System.Text.Json;
using Tasks.Api.Platform.Http;

namespace Tasks.Api.Tasks;

/// <summary>The <c>Idempotency-Key</c> request header on POST /tasks: a retry with the same key and body gets the first answer.</summary>
internal static class IdempotencyKeys
{
    public const string Header = IdempotencyHeaders.Key;
    public const string ReplayedHeader = IdempotencyHeaders.Replayed;
    public const int MaxLength = 255;
    public const string Rule = "An Idempotency-Key is one header of 1 to 255 visible ASCII characters.";

    public static bool IsValid(string key) =>
        key.Length is > 0 and <= MaxLength && key.All(c => c is > ' ' and <= '~');

    /// <summary>Absent, or sent once and valid. A present but empty header binds as null, so the raw headers decide.</summary>
    public static bool IsAcceptable(IHeaderDictionary headers, string? bound) =>
        !headers.TryGetValue(Header, out var keys) || (keys.Count == 1 && IsValid(bound ?? ""));

    /// <summary>Hashes the request as bound, so the same meaning in other whitespace or field order is the same request.</summary>
    public static string Hash(TaskWriteRequest request, JsonSerializerOptions options) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, options.TypeInfo<TaskWriteRequest>())));
}
