using RolloutHub.Api.Features.Alerts;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Budget;
using RolloutHub.Api.Features.Champions;
using RolloutHub.Api.Features.Collectors;
using RolloutHub.Api.Features.Demo;
using RolloutHub.Api.Features.Departments;
using RolloutHub.Api.Features.Employees;
using RolloutHub.Api.Features.Identities;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Kpis;
using RolloutHub.Api.Features.Outcomes;
using RolloutHub.Api.Features.Settings;
using RolloutHub.Api.Features.Sources;
using RolloutHub.Api.Features.Tokens;
using RolloutHub.Api.Features.Training;
using RolloutHub.Api.Features.UsageEvents;
using RolloutHub.Api.Features.UseCases;
using RolloutHub.Api.Features.Waves;

namespace RolloutHub.Api.Features;

/// <summary>Every feature's endpoints under /api/v1.</summary>
public static class ApiRoutes
{
    public static WebApplication MapRolloutHubApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1");
        api.MapDemo();
        api.MapTokens();
        api.MapDepartments();
        api.MapEmployees();
        api.MapIdentities();
        api.MapUseCases();
        api.MapUseCaseGovernance();
        api.MapUsageEvents();
        api.MapOutcomes();
        api.MapChampions();
        api.MapWaves();
        api.MapWaveRollout();
        api.MapBudget();
        api.MapBudgetSummary();
        api.MapSettings();
        api.MapImports();
        api.MapSources();
        api.MapAudit();
        api.MapKpis();
        api.MapTrainingNeeds();
        api.MapAlerts();
        api.MapCollectors();
        return app;
    }
}
