namespace RolloutHub.Api.Features.UseCases;

/// <summary>Where a use case stands against its review cadence on a given day.</summary>
/// <param name="DueOn">Last review plus the cadence; null without a cadence or when never reviewed.</param>
/// <param name="Due">The review is to be done: due today or before, or never done.</param>
/// <param name="Overdue">The due day has passed, or it was never reviewed.</param>
/// <param name="DaysOverdue">Days since the due day; null when not overdue or never reviewed.</param>
public sealed record ReviewState(DateOnly? DueOn, bool Due, bool Overdue, int? DaysOverdue);

/// <summary>
/// The review schedule of the use-case library (docs/DEFINITIONS.md#use-case-reviews), the one
/// definition the library page, the use-case indicators and the overdue-review alert share.
/// Only pilot and production use cases with a cadence are governed: ideas and retired use cases
/// are never due. "Today" is the caller's (the KPIs' today), never the wall clock.
/// </summary>
public static class ReviewSchedule
{
    public static bool IsGoverned(UseCaseStatus status, int? reviewEveryDays) =>
        status is UseCaseStatus.Pilot or UseCaseStatus.Production && reviewEveryDays is not null;

    public static DateOnly? DueOn(int? reviewEveryDays, DateOnly? lastReviewedOn) =>
        reviewEveryDays is { } days && lastReviewedOn is { } last ? last.AddDays(days) : null;

    public static ReviewState On(UseCaseStatus status, int? reviewEveryDays, DateOnly? lastReviewedOn, DateOnly today)
    {
        var dueOn = DueOn(reviewEveryDays, lastReviewedOn);
        if (!IsGoverned(status, reviewEveryDays)) return new ReviewState(dueOn, false, false, null);
        var overdue = dueOn is not { } d || d < today;
        return new ReviewState(dueOn, dueOn is not { } e || e <= today, overdue,
            overdue && dueOn is { } due ? today.DayNumber - due.DayNumber : null);
    }
}
