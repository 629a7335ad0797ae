using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Api.Features.Kpis;

/// <summary>Adoption snapshot rows as the endpoints answer them.</summary>
public static class AdoptionAnswers
{
    /// <summary>The row as a period; <paramref name="suppressed"/> (the privacy rule's verdict) leaves only the headcount.</summary>
    public static T ToPeriod<T>(this AdoptionSnapshotRow r, bool suppressed) where T : AdoptionPeriod, new() => new()
    {
        Period = r.Period, Start = r.Start, End = r.End, Headcount = r.Headcount, Suppressed = suppressed,
        Bands = suppressed || r.Habitual is null ? null
            : new UsageBands { Habitual = r.Habitual.Value, Regular = r.Regular ?? 0, Occasional = r.Occasional ?? 0, NonUser = r.NonUser ?? 0 },
        HabitRate = suppressed ? null : r.HabitRate,
        Transitions = suppressed ? null
            : new CohortTransitions { Retained = r.Retained, New = r.NewActive, Reactivated = r.Reactivated, Lapsed = r.Lapsed, Dormant = r.Dormant },
        Activation = suppressed ? null
            : new Activation { Eligible = r.Eligible, Activated = r.Activated, Rate = r.ActivationRate, MedianDays = r.MedianDays },
        Seats = suppressed ? null : new Seats { Held = r.SeatsHeld, Idle = r.SeatsIdle, UnseatedActive = r.UnseatedActive },
    };
}
