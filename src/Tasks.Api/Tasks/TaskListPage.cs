namespace Tasks.Api.Tasks;

/// <summary>A page of tasks; <see cref="ResumeAfter"/>, when set, is where the next page starts (it may lie past the last item).</summary>
internal sealed record TaskListPage(IReadOnlyList<TaskItem> Items, Guid? ResumeAfter);
