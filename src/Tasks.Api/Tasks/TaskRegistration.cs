using FluentValidation;

namespace Tasks.Api.Tasks;

internal static class TaskRegistration
{
    public static IServiceCollection AddTaskFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TasksOptions>(configuration.GetSection(TasksOptions.Section));
        services.AddSingleton<IValidator<TaskWriteRequest>, TaskWriteRequestValidator>();
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
