using Lambda.Hosting;
using Microsoft.AspNetCore.Routing;
using Tasks.Api;
using Tasks.Api.Http;
using Tasks.Api.Observability;
using Tasks.Api.Persistence;
using Tasks.Api.Security;
using Tasks.Api.Tasks;
using Tasks.Api.Web;

var builder = WebApplication.CreateSlimBuilder(args);

builder.Services.AddLambdaHosting().AddLambdaSnapStartHook<SnapStartWarmUp>();
builder.Services.AddHttpApi(builder.Environment);
builder.Services.AddTasksSecurity(builder.Configuration);
builder.Services.AddDynamoDbPersistence(builder.Configuration);
builder.Services.AddTaskFeature(builder.Configuration);
builder.Services.AddPage(builder.Configuration);
builder.AddObservability();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseTaskMetrics();
app.UseHttpApi();
app.UseTasksSecurity();
app.MapHealthChecks("/health").WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]));
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
