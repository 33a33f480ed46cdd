using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tasks.Api.Tasks;

/// <summary>
/// The opaque list cursor: the id of the last task a page returned, bound to the owner and the
/// status filter of the query that made it. A cursor from another owner or another filter, or one
/// that was edited, does not decode. It needs no secret: the query is always confined to the
/// caller's own partition, so a forged cursor can only skip within the caller's own tasks.
/// </summary>
internal static class TaskCursor
{
    private const string Prefix = "c1";

    public static string Encode(string ownerId, string? status, Guid lastId)
    {
        var payload = $"{Prefix}|{status ?? ""}|{TaskIds.Format(lastId)}";
        var text = $"{payload}|{Checksum(ownerId, payload)}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string cursor, string ownerId, string? status, out Guid lastId)
    {
        lastId = Guid.Empty;
        if (cursor.Length is 0 or > 256)
        {
            return false;
        }
        Span<byte> bytes = stackalloc byte[256];
        // TryDecodeFromChars throws on characters outside the alphabet; it only "tries" for room.
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written))
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var parts = text.Split('|');
        if (parts.Length != 4 || parts[0] != Prefix || parts[1] != (status ?? ""))
        {
            return false;
        }
        var payload = string.Join('|', parts[0], parts[1], parts[2]);
        return CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(parts[3]), Encoding.ASCII.GetBytes(Checksum(ownerId, payload)))
            && TaskIds.TryParse(parts[2], out lastId);
    }

    private static string Checksum(string ownerId, string payload)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ownerId}|{payload}"), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
