using System.Globalization;
using System.Text;

namespace Tasks.Api.Tasks;

internal static class Text
{
    /// <summary>
    /// True when some character would show: not white space, not a format character (zero-width space and joiners,
    /// bidi controls, tag characters), not a lone combining mark, not one of the blank letters (Hangul fillers, braille blank).
    /// </summary>
    public static bool HasVisibleCharacter(string value)
    {
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800)
            {
                continue;
            }
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.SpaceSeparator:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.OtherNotAssigned:
                    continue;
                default:
                    return true;
            }
        }
        return false;
    }

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
