namespace Tasks.Api.Tasks;

/// <summary>Task ids are UUID v7 (time-ordered, so the sort key orders by creation) in canonical lower-case form.</summary>
internal static class TaskIds
{
    public static Guid New(TimeProvider clock) => Guid.CreateVersion7(clock.GetUtcNow());

    public static string Format(Guid id) => id.ToString("D");

    /// <summary>Only the 36-character hyphenated form is an id; braces, no-hyphen and other spellings are not.</summary>
    public static bool TryParse(string? value, out Guid id)
    {
        id = Guid.Empty;
        // TryParseExact forgives surrounding white space; an id in a URL must be exactly the 36 characters.
        return value is { Length: 36 } && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && Guid.TryParseExact(value, "D", out id);
    }
}
