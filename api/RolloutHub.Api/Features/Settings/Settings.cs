using Dapper;
using FluentValidation;
using MediatR;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Data;
using RolloutHub.Api.Features.Audit;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Settings;

/// <summary>The installation's settings, defaults from docs/DEFINITIONS.md.</summary>
public sealed record SettingsValues
{
    public double AdoptingDepthThreshold { get; init; } = 0.10;
    public double HourlyCost { get; init; } = 45.0;
    public string Currency { get; init; } = "EUR";
    public int MinGroupSize { get; init; } = 5;
    public int WeekWindow { get; init; } = 8;
    public double WeekThreshold { get; init; } = 0.02;
    public int MonthWindow { get; init; } = 6;
    public double MonthThreshold { get; init; } = 0.05;
    public int MinPeriods { get; init; } = 4;
    public int ActivationWindowDays { get; init; } = 30;

    public const string SelectSql = """
        SELECT adopting_depth_threshold, hourly_cost, currency, min_group_size, week_window, week_threshold,
               month_window, month_threshold, min_periods, activation_window_days
        FROM settings WHERE id = 1
        """;
}

public sealed record GetSettings : IRequest<SettingsValues>;

public sealed class GetSettingsHandler(SettingsQuery settings) : IRequestHandler<GetSettings, SettingsValues>
{
    public Task<SettingsValues> Handle(GetSettings request, CancellationToken cancellationToken) => settings.ReadAsync(cancellationToken);
}

/// <summary>The settings, for handlers and jobs that need them.</summary>
public sealed class SettingsQuery(DbSession session) : IQuery
{
    public async Task<SettingsValues> ReadAsync(CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<SettingsValues>(SettingsValues.SelectSql, transaction: session.Transaction);
    }
}

public sealed record SaveSettings(SettingsValues Values) : ICommand<SettingsValues>;

public sealed class SaveSettingsValidator : AbstractValidator<SaveSettings>
{
    public SaveSettingsValidator()
    {
        RuleFor(c => c.Values.AdoptingDepthThreshold).InclusiveBetween(0, 1).OverridePropertyName("adoptingDepthThreshold");
        RuleFor(c => c.Values.HourlyCost).InclusiveBetween(0, 100_000).OverridePropertyName("hourlyCost");
        RuleFor(c => c.Values.Currency).Matches("^[A-Z]{3}$").WithMessage("currency is an ISO 4217 code such as EUR.").OverridePropertyName("currency");
        RuleFor(c => c.Values.MinGroupSize).InclusiveBetween(1, 1000).OverridePropertyName("minGroupSize");
        RuleFor(c => c.Values.WeekWindow).InclusiveBetween(2, 104).OverridePropertyName("weekWindow");
        RuleFor(c => c.Values.MonthWindow).InclusiveBetween(2, 36).OverridePropertyName("monthWindow");
        RuleFor(c => c.Values.WeekThreshold).InclusiveBetween(0, 10).OverridePropertyName("weekThreshold");
        RuleFor(c => c.Values.MonthThreshold).InclusiveBetween(0, 10).OverridePropertyName("monthThreshold");
        RuleFor(c => c.Values.MinPeriods).InclusiveBetween(2, 36).OverridePropertyName("minPeriods");
        RuleFor(c => c.Values.ActivationWindowDays).InclusiveBetween(1, 365).OverridePropertyName("activationWindowDays");
    }
}

public sealed class SaveSettingsHandler(DbSession session, AuditTrail audit) : IRequestHandler<SaveSettings, SettingsValues>
{
    public async Task<SettingsValues> Handle(SaveSettings request, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE settings SET adopting_depth_threshold = @AdoptingDepthThreshold, hourly_cost = @HourlyCost, currency = @Currency,
                min_group_size = @MinGroupSize, week_window = @WeekWindow, week_threshold = @WeekThreshold,
                month_window = @MonthWindow, month_threshold = @MonthThreshold, min_periods = @MinPeriods,
                activation_window_days = @ActivationWindowDays
            WHERE id = 1
            """, request.Values, session.Transaction);
        await DataChanges.TouchAsync(connection, session.Transaction, fullRecompute: true);
        await audit.RecordAsync(connection, session.Transaction, "update", "settings", null, request.Values);
        return request.Values;
    }
}

public static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettings(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/settings").WithTags("Settings");
        group.MapGet("/", async (IMediator mediator) => TypedResults.Ok(await mediator.Send(new GetSettings())))
            .RequireAuthorization(Policies.ReadDashboards)
            .WithSummary("KPI settings: adopting threshold, hourly cost, currency, privacy group size, sustainability windows");
        group.MapPut("/", async (SettingsValues values, IMediator mediator) => TypedResults.Ok(await mediator.Send(new SaveSettings(values))))
            .RequireAuthorization(Policies.AdminOnly).ProducesValidationProblem()
            .WithSummary("Change the settings; the next KPI run recomputes every period");
        return group;
    }
}
