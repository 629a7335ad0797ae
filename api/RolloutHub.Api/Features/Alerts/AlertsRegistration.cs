using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using RolloutHub.Api.Jobs;

namespace RolloutHub.Api.Features.Alerts;

/// <summary>Services of rollout management: alert evaluation, its Quartz job and the webhook outbox.</summary>
public static class AlertsRegistration
{
    public static IServiceCollection AddRolloutManagement(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AlertOptions>().BindConfiguration("Alerts");
        services.AddSingleton<AlertOutboxSignal>();
        services.AddScoped<AlertEvaluator>();
        services.AddScoped<AlertConditionsWriter>();
        // The rules, in the order they are evaluated and summarised.
        services.AddScoped<IAlertRule, Rules.DepartmentDecliningRule>();
        services.AddScoped<IAlertRule, Rules.ChampionInactiveRule>();
        services.AddScoped<IAlertRule, Rules.UseCaseReviewOverdueRule>();
        services.AddScoped<IAlertRule, Rules.BudgetOverrunRule>();
        services.AddScoped<IAlertRule, Rules.WaveBehindTargetRule>();
        services.AddScoped<IAlertRule, Rules.JobFailedRule>();

        services.AddHttpClient(AlertWebhookDelivery.HttpClientName);
        services.AddHostedService<AlertWebhookDelivery>();
        // Joins the scheduler the KPI jobs register, whichever is registered first.
        services.ConfigureAllQuartzSchedulers(quartz => quartz.AddAlertJobs());
        return services;
    }
}
