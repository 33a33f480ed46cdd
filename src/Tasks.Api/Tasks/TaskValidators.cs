using System.Globalization;
using System.Text;
using FluentValidation;

namespace Tasks.Api.Tasks;

internal sealed class TaskWriteRequestValidator : AbstractValidator<TaskWriteRequest>
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    public TaskWriteRequestValidator()
    {
        // Errors are keyed by the JSON field name, as the client wrote it (binding errors use its JSON path).
        RuleFor(r => r.Title)
            .Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Title is required.")
            .Must(t => t!.Trim().Length <= TitleMaxLength).WithMessage($"Title must be at most {TitleMaxLength} characters.")
            .Must(t => Text.IsClean(t!, allowLineBreaks: false)).WithMessage("Title must not contain control characters or unpaired surrogates.")
            .Must(t => Text.HasVisibleCharacter(t!)).WithMessage("Title must have at least one visible character.")
            .OverridePropertyName("title");
        RuleFor(r => r.Description)
            .Cascade(CascadeMode.Stop)
            .Must(d => d!.Length <= DescriptionMaxLength).WithMessage($"Description must be at most {DescriptionMaxLength} characters.")
            .Must(d => Text.IsClean(d!, allowLineBreaks: true)).WithMessage("Description must not contain control characters other than tab and line breaks, nor unpaired surrogates.")
            .When(r => r.Description is not null)
            .OverridePropertyName("description");
        RuleFor(r => r.Status)
            .Must(TaskStatuses.IsKnown).WithMessage($"Status must be one of: {string.Join(", ", TaskStatuses.All)}.")
            .When(r => r.Status is not null)
            .OverridePropertyName("status");
    }
}

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
