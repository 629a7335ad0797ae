namespace RolloutHub.Api.Features.Kpis;

/// <summary>
/// What "today" is for the KPIs (which periods exist, default ranges, idle seats). Its own
/// service rather than the container's TimeProvider, which Quartz takes as its clock: tests move
/// the KPIs' today without freezing the scheduler.
/// </summary>
public sealed class KpiToday(TimeProvider clock)
{
    public DateOnly Date => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
