using Lambda.Hosting;
using Tasks.Api.Persistence;
using Tasks.Api.Platform.Http;
using Tasks.Api.Platform.Metrics;
using Tasks.Api.Platform.Security;
using Tasks.Api.Platform.SnapStart;
using Tasks.Api.Tasks;
using Tasks.Api.Web;

var builder = WebApplication.CreateSlimBuilder(args);

builder.Services.AddLambdaHosting().AddSnapStartWarmUp();
builder.Services.AddApiConventions(builder.Environment);
builder.Services.AddApiSecurity(builder.Configuration);
builder.AddApiObservability();
builder.Services.AddDynamoDbPersistence(builder.Configuration);
builder.Services.AddTasks(builder.Configuration);
builder.Services.AddPage(builder.Configuration);

var app = builder.Build();

app.UseSecurityHeaders();
app.UseApiObservability();
app.UseApiConventions();
app.UseApiSecurity();
app.MapHealthEndpoint();
app.MapTaskEndpoints();
app.MapPage();

if (await app.PrepareDynamoDbAsync() is { } unreachable)
{
    Console.Error.WriteLine(unreachable);
    await LambdaHosting.ReportInitErrorAsync(new InvalidOperationException(unreachable));
    return 1;
}
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
