namespace Tasks.Api.Platform.Security;

/// <summary>Whose data a request reads and writes; handlers take it as a parameter.</summary>
public sealed record Owner(string Id)
{
    public static ValueTask<Owner?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.RequestServices.GetRequiredService<IOwnerResolver>().Resolve(context));
}
