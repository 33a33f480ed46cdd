namespace Tasks.Api.Tasks;

internal static class Text
{
    /// <summary>True when <paramref name="value"/> has no control characters (optionally but tab, CR, LF) and no lone surrogate halves.</summary>
    public static bool IsClean(string value, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                return false;
            }
            if (char.IsLowSurrogate(c))
            {
                return false;
            }
            if (char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\r' or '\n'))
            {
                return false;
            }
        }
        return true;
    }
}
