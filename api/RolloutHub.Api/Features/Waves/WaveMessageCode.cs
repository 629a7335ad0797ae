using System.Globalization;
using System.Text.Json.Serialization;

namespace RolloutHub.Api.Features.Waves;

/// <summary>
/// What a readiness item, a gap, a projection or a gate recommendation says, as a code the
/// dashboard words in its reader's language from the facts sent beside it. The answers are the
/// same whatever language the request asks for.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WaveMessageCode>))]
public enum WaveMessageCode
{
    // The readiness items: why each is met or not.
    [JsonStringEnumMemberName("no-departments")] NoDepartments,
    [JsonStringEnumMemberName("budget-no-lines")] BudgetNoLines,
    [JsonStringEnumMemberName("budget-seats-cover")] BudgetSeatsCover,
    [JsonStringEnumMemberName("budget-usage-unsized")] BudgetUsageUnsized,
    [JsonStringEnumMemberName("budget-usage-covers")] BudgetUsageCovers,
    [JsonStringEnumMemberName("budget-short")] BudgetShort,
    [JsonStringEnumMemberName("champions-all")] ChampionsAll,
    [JsonStringEnumMemberName("champions-missing")] ChampionsMissing,
    [JsonStringEnumMemberName("use-cases-all")] UseCasesAll,
    [JsonStringEnumMemberName("use-cases-missing")] UseCasesMissing,
    [JsonStringEnumMemberName("training-no-use-cases")] TrainingNoUseCases,
    [JsonStringEnumMemberName("training-all")] TrainingAll,
    [JsonStringEnumMemberName("training-short")] TrainingShort,
    [JsonStringEnumMemberName("training-short-hidden")] TrainingShortHidden,
    [JsonStringEnumMemberName("support-model-all")] SupportModelAll,
    [JsonStringEnumMemberName("support-model-missing")] SupportModelMissing,
    [JsonStringEnumMemberName("sponsor-named")] SponsorNamed,
    [JsonStringEnumMemberName("sponsor-missing")] SponsorMissing,
    [JsonStringEnumMemberName("targets-depth")] TargetsDepth,
    [JsonStringEnumMemberName("targets-depth-breadth")] TargetsDepthBreadth,
    [JsonStringEnumMemberName("targets-missing")] TargetsMissing,

    // The gaps: what keeps an item from being met.
    [JsonStringEnumMemberName("gap-budget-add-line")] GapBudgetAddLine,
    [JsonStringEnumMemberName("gap-budget-line-ends-early")] GapBudgetLineEndsEarly,
    [JsonStringEnumMemberName("gap-budget-usage-short")] GapBudgetUsageShort,
    [JsonStringEnumMemberName("gap-budget-seats-short")] GapBudgetSeatsShort,
    [JsonStringEnumMemberName("gap-no-champion")] GapNoChampion,
    [JsonStringEnumMemberName("gap-no-use-case")] GapNoUseCase,
    [JsonStringEnumMemberName("gap-no-training-material")] GapNoTrainingMaterial,
    [JsonStringEnumMemberName("gap-untiered")] GapUntiered,
    [JsonStringEnumMemberName("gap-untiered-hidden")] GapUntieredHidden,
    [JsonStringEnumMemberName("gap-not-named")] GapNotNamed,
    [JsonStringEnumMemberName("gap-target-not-set")] GapTargetNotSet,

    // The projections of depth.
    [JsonStringEnumMemberName("projection-no-target")] ProjectionNoTarget,
    [JsonStringEnumMemberName("projection-reached")] ProjectionReached,
    [JsonStringEnumMemberName("projection-insufficient-data")] ProjectionInsufficientData,
    [JsonStringEnumMemberName("projection-falling")] ProjectionFalling,
    [JsonStringEnumMemberName("projection-flat")] ProjectionFlat,
    [JsonStringEnumMemberName("projection-on-track")] ProjectionOnTrack,
    [JsonStringEnumMemberName("projection-late")] ProjectionLate,

    // The gate recommendation's reasons.
    [JsonStringEnumMemberName("reason-readiness-all-met")] ReasonReadinessAllMet,
    [JsonStringEnumMemberName("reason-readiness-unmet")] ReasonReadinessUnmet,
    [JsonStringEnumMemberName("reason-readiness-to-confirm")] ReasonReadinessToConfirm,
    [JsonStringEnumMemberName("reason-wave-not-on-track")] ReasonWaveNotOnTrack,
    [JsonStringEnumMemberName("reason-departments-not-on-track")] ReasonDepartmentsNotOnTrack,
    [JsonStringEnumMemberName("reason-department-not-on-track")] ReasonDepartmentNotOnTrack,
    [JsonStringEnumMemberName("reason-department-late")] ReasonDepartmentLate,
    [JsonStringEnumMemberName("reason-breadth-short")] ReasonBreadthShort,
    [JsonStringEnumMemberName("reason-ended-short")] ReasonEndedShort,
    [JsonStringEnumMemberName("reason-wave-reached")] ReasonWaveReached,
    [JsonStringEnumMemberName("reason-on-track")] ReasonOnTrack,
}

/// <summary>
/// The facts a message is worded from, as invariant text: a key ending in <c>Ratio</c> holds a
/// share between 0 and 1 (empty when unknown), one ending in <c>On</c> an ISO date, other numbers
/// are plain decimals, lists of codes are joined with ", ".
/// </summary>
public static class WaveFacts
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    public static IReadOnlyDictionary<string, string> Of(params (string Key, object? Value)[] facts) =>
        facts.ToDictionary(f => f.Key, f => Text(f.Value));

    public static string Text(object? value) => value switch
    {
        null => "",
        WaveMessageCode code => Name(code),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x => x.ToString("R", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(", ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static readonly IReadOnlyDictionary<WaveMessageCode, string> Names = Enum.GetValues<WaveMessageCode>().ToDictionary(c => c,
        c => typeof(WaveMessageCode).GetField(c.ToString())!.GetCustomAttributes(typeof(JsonStringEnumMemberNameAttribute), false)
            .Cast<JsonStringEnumMemberNameAttribute>().Single().Name);

    /// <summary>The code as the answers spell it.</summary>
    public static string Name(WaveMessageCode code) => Names[code];

    /// <summary>Every code the answers can hold, as they spell them.</summary>
    public static IReadOnlyList<string> AllNames => Names.Values.ToList();

    /// <summary>A whole count worded as the sentences once rounded it (half away from zero).</summary>
    public static string Whole(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    public static string Whole(decimal value) => value.ToString("0", CultureInfo.InvariantCulture);
}
