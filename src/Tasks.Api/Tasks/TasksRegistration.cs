using FluentValidation;
using Tasks.Api.Platform.Http;
using Tasks.Api.Platform.SnapStart;

namespace Tasks.Api.Tasks;

internal static class TasksRegistration
{
    public static IServiceCollection AddTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TasksOptions>(configuration.GetSection(TasksOptions.Section));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TasksJsonContext.Default));
        services.AddSingleton<IValidator<TaskWriteRequest>, TaskWriteRequestValidator>();
        services.AddSingleton<TaskService>();
        // Every route once, writing nothing: reads of an empty partition, a body that fails validation, writes to no task.
        var unknown = Guid.CreateVersion7();
        return services.AddWarmUpRequests(
            new("GET", "/tasks?limit=1"),
            new("GET", $"/tasks/{unknown}"),
            new("POST", "/tasks", """{"title":""}"""),
            new("PUT", $"/tasks/{unknown}", """{"title":"warm-up"}"""),
            new("PATCH", $"/tasks/{unknown}", """{"status":"done"}""", JsonBody.MergePatchMediaType));
    }
}
