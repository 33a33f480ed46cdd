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
