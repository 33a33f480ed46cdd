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
