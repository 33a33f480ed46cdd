namespace Tasks.Api.Tasks;

/// <summary>Whose tasks a request reads and writes; handlers take it as a parameter.</summary>
public sealed record Owner(string Id)
{
    public static ValueTask<Owner?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.RequestServices.GetRequiredService<IOwnerResolver>().Resolve(context));
}

internal interface IOwnerResolver
{
    Owner? Resolve(HttpContext context);
}

internal sealed class TasksOptions
{
    public const string Section = "Tasks";

    /// <summary>The owner of every request while authentication is off.</summary>
    public string DefaultOwner { get; set; } = "public";

    /// <summary>How long an Idempotency-Key is remembered after the create that claimed it.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromHours(24);
}
