using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>Sustainability outcomes and period boundaries, figures by hand.</summary>
public sealed class SustainabilityAndCalendarTests
{
    private static readonly DateOnly B = new(2026, 3, 2); // Monday of 2026-W10; the query week P = B + 9 weeks (2026-W19).

    private static string Events(string employee, params int[] weeks) =>
        string.Concat(weeks.Select(w => $"{employee}-{w},{B.AddDays(7 * w + 2):yyyy-MM-dd},{employee},MAIL,1,\n"));

    [Fact]
    public async Task Each_trend_is_found_over_the_window_kept_after_the_first_event()
    {
        await using var app = new KpiApp(B.AddDays(7 * 9 + 6)); // Sunday of P
        await app.ImportOkAsync("departments", "code,name\nGROW,Growing\nFLAT,Stable\nDECL,Declining\nYOUNG,Young\nQUIET,Quiet\n");
        await app.ImportOkAsync("employees", """
            employee_key,department_code
            G1,GROW
            G2,GROW
            G3,GROW
            G4,GROW
            F1,FLAT
            F2,FLAT
            D1,DECL
            D2,DECL
            D3,DECL
            D4,DECL
            Y1,YOUNG
            Q1,QUIET
            """);
        await app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n");
        // Active per week B+6..B+9: GROW 1,2,3,4; DECL 4,3,2,1; FLAT 2,2,2,2; YOUNG from B+7 only; QUIET once, in B+0.
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n" +
            Events("G1", 6, 7, 8, 9) + Events("G2", 7, 8, 9) + Events("G3", 8, 9) + Events("G4", 9) +
            Events("D1", 6, 7, 8, 9) + Events("D2", 6, 7, 8) + Events("D3", 6, 7) + Events("D4", 6) +
            Events("F1", 6, 7, 8, 9) + Events("F2", 6, 7, 8, 9) + Events("Y1", 7, 8, 9) + Events("Q1", 0));
        await app.RecomputeAsync();

        var kpis = await app.GetAsync("/api/v1/kpis/departments?grain=week&from=2026-05-04&to=2026-05-04");
        Trend(kpis, "GROW", "growing", 0.4); // x̄ = 1.5, ȳ = 2.5, b = 5 / 5 = 1 → 1 / 2.5
        Trend(kpis, "DECL", "declining", -0.4);
        Trend(kpis, "FLAT", "stable", 0);
        Trend(kpis, "YOUNG", "insufficient-data", null); // 3 periods after its first event
        Trend(kpis, "QUIET", "inactive", 0); // the 8 weeks B+2..B+9 all follow its only event, nobody active

        // Organisation: active per week B+2..B+9 = 0,0,0,0,7,8,8,8; Σ(x − 3.5)·y = 63.5, Σ(x − 3.5)² = 42, ȳ = 31/8.
        var organisation = (await app.GetAsync("/api/v1/kpis?grain=week&from=2026-05-04&to=2026-05-04")).Period("2026-W19");
        Assert.Equal("growing", organisation.GetProperty("sustainability").Str("trend"));
        Assert.Equal(63.5 / 42 / (31.0 / 8), organisation.GetProperty("sustainability").Num("slope")!.Value, 12);
    }

    private static void Trend(System.Text.Json.JsonElement kpis, string department, string trend, double? slope)
    {
        var period = kpis.Department(department).Period("2026-W19");
        Assert.Equal(trend, period.Str("trend"));
        if (slope is null) Assert.True(period.IsNull("slope"));
        else Assert.Equal(slope.Value, period.Num("slope")!.Value, 12);
    }

    [Fact]
    public async Task Iso_week_53_spans_the_year_change_and_months_split_it()
    {
        await using var app = new KpiApp(new DateOnly(2027, 1, 10));
        await app.ImportOkAsync("departments", "code,name\nOPS,Operations\n");
        await app.ImportOkAsync("employees", "employee_key,department_code\nO1,OPS\nO2,OPS\n");
        await app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n");
        await app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            a,2026-12-27,O1,MAIL,1,
            b,2026-12-31,O1,MAIL,1,
            c,2027-01-03,O2,MAIL,1,
            d,2027-01-04,O2,MAIL,1,
            """);
        await app.RecomputeAsync();

        var weeks = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-12-21&to=2027-01-10");
        Assert.Equal(["2026-W52", "2026-W53", "2027-W01"], weeks.GetProperty("periods").EnumerateArray().Select(p => p.Str("period")!).ToArray());
        var w53 = weeks.Period("2026-W53");
        Assert.Equal("2026-12-28", w53.Str("start"));
        Assert.Equal("2027-01-03", w53.Str("end"));
        Assert.Equal(2, w53.GetProperty("depth").Long("activeEmployees")); // Thursday the 31st and Sunday the 3rd
        Assert.Equal(1, weeks.Period("2026-W52").GetProperty("depth").Long("activeEmployees")); // Sunday the 27th
        Assert.Equal(1, weeks.Period("2027-W01").GetProperty("depth").Long("activeEmployees")); // Monday the 4th

        // from/to select periods by their START: W53 starts on 2026-12-28.
        var onlyW53 = await app.GetAsync("/api/v1/kpis?grain=week&from=2026-12-28&to=2027-01-03");
        Assert.Equal(["2026-W53"], onlyW53.GetProperty("periods").EnumerateArray().Select(p => p.Str("period")!).ToArray());

        var months = await app.GetAsync("/api/v1/kpis?grain=month&from=2026-12-01&to=2027-01-01");
        Assert.Equal(1, months.Period("2026-12").GetProperty("depth").Long("activeEmployees"));
        Assert.Equal("2026-12-31", months.Period("2026-12").Str("end"));
        Assert.Equal(1, months.Period("2027-01").GetProperty("depth").Long("activeEmployees"));
        Assert.Equal(12.0 / 60, months.Period("2027-01").GetProperty("impact").Num("hoursSaved")!.Value, 12);
    }
}
