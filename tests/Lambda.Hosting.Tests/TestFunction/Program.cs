var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddLambdaHosting();
var mode = Environment.GetEnvironmentVariable("TEST_FUNCTION_MODE");
if (mode == "invalid-options")
{
    builder.Services.AddOptions<TableOptions>()
        .Validate(options => !string.IsNullOrEmpty(options.TableName), "Table name is missing.")
        .ValidateOnStart();
}

var app = builder.Build();
if (mode == "throw-before-run")
{
    throw new InvalidOperationException("Mapping failed.");
}

app.MapGet("/hello", () => "hello");
app.Run();

internal sealed class TableOptions
{
    public string? TableName { get; set; }
}
