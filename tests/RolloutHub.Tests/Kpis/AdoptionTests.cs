using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>Adoption quality on small organisations, every figure by hand.</summary>
public sealed class AdoptionTests
{
    private const string UseCases = "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n";

    /// <summary>Wednesday of the week k weeks before 2026-W02 (k = 0 is 2026-01-07; k = 1 is 2025-12-31, in December).</summary>
    private static string Wednesday(int k) => $"{new DateOnly(2026, 1, 7).AddDays(-7 * k):yyyy-MM-dd}";

    private static string Events(string employee, params int[] weeksBack) =>
        string.Concat(weeksBack.Select(k => $"{employee}-{k},{Wednesday(k)},{employee},MAIL,1,\n"));

    [Fact]
    public async Task Bands_and_transitions_over_a_12_week_window_across_the_year_end()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 11));
        await app.ImportOkAsync("departments", "code,name\nALL,Everyone\n");
        await app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on,left_on
            X,ALL,,
            H9,ALL,,
            R8,ALL,,
            R5,ALL,,
            O4,ALL,,
            O1,ALL,,
            N0,ALL,,
            NEW1,ALL,,
            GONE,ALL,,2025-12-01
            """);
        await app.ImportOkAsync("use-cases", UseCases);
        // P = 2026-W02; its 12 weeks are k = 0 (2026-W02) … k = 11 (2025-W43); k = 12 is just outside.
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n" +
            Events("X", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11) + // 12 weeks: habitual; active in P and before: retained
            Events("H9", 0, 1, 2, 3, 4, 5, 6, 7, 8) +          // 9: habitual (lowest); retained
            Events("R8", 2, 3, 4, 5, 6, 7, 8, 9) +             // 8: regular (highest); neither P nor W01: dormant
            Events("R5", 0, 3, 4, 5, 6) +                      // 5: regular (lowest); P, not W01, before: reactivated
            Events("O4", 1, 2, 3, 4) +                         // 4: occasional (highest); W01 not P: lapsed
            Events("O1", 11) +                                 // 1, the window's first week: occasional; dormant
            Events("N0", 12) +                                 // 0: non-user; dormant
            Events("NEW1", 0) +                                // 1: occasional; first ever use in P: new
            Events("GONE", 0));                                // not in the headcount: counted nowhere
        await app.RecomputeAsync();

        var week = (await app.GetAsync("/api/v1/kpis/adoption?grain=week&from=2026-01-05&to=2026-01-05")).Period("2026-W02");
        var bands = week.GetProperty("bands");
        Assert.Equal((2, 2, 3, 1), (bands.Long("habitual"), bands.Long("regular"), bands.Long("occasional"), bands.Long("nonUser")));
        Assert.Equal(0.25, week.Num("habitRate"));
        var transitions = week.GetProperty("transitions");
        Assert.Equal((2, 1, 1, 1, 3), (transitions.Long("retained"), transitions.Long("new"), transitions.Long("reactivated"),
            transitions.Long("lapsed"), transitions.Long("dormant")));

        // Months: January (only the k = 0 events) against December (k = 1 … 5). No bands for months.
        var january = (await app.GetAsync("/api/v1/kpis/adoption?grain=month&from=2026-01-01&to=2026-01-01")).Period("2026-01");
        Assert.True(january.IsNull("bands"));
        Assert.True(january.IsNull("habitRate"));
        var monthly = january.GetProperty("transitions");
        // X, H9, R5 retained; NEW1 new; R8, O4 lapsed; O1, N0 dormant.
        Assert.Equal((3, 1, 0, 2, 2), (monthly.Long("retained"), monthly.Long("new"), monthly.Long("reactivated"),
            monthly.Long("lapsed"), monthly.Long("dormant")));
    }

    [Fact]
    public async Task Activation_counts_first_use_within_the_window_after_joining_or_the_wave_start()
    {
        await using var app = new KpiApp(new DateOnly(2026, 3, 22));
        await app.ImportOkAsync("departments", "code,name\nACT,In a wave\nNOWAVE,No wave\n");
        await app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on
            A1,ACT,2025-06-01
            A2,ACT,2025-06-01
            A3,ACT,2026-01-20
            A4,ACT,2026-02-07
            A5,ACT,
            A6,ACT,
            N1,NOWAVE,2025-06-01
            N2,NOWAVE,
            """);
        await app.ImportOkAsync("use-cases", UseCases);
        var wave = await app.Admin().PutAsJsonAsync("/api/v1/waves/W1", new
        {
            name = "Wave 1", kind = "rollout", sequence = 1, departmentCodes = new[] { "ACT" },
            plannedStart = "2026-01-05", plannedEnd = "2026-03-31", status = "active",
        });
        Assert.True(wave.IsSuccessStatusCode, await wave.Content.ReadAsStringAsync());
        // d: A1, A2, A5, A6 = the wave start 2026-01-05; A3 = joined 2026-01-20; A4 = 2026-02-07; N1 = 2025-06-01; N2 none.
        await app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            a1,2026-02-04,A1,MAIL,1
            a2,2026-02-05,A2,MAIL,1
            a3-before,2026-01-10,A3,MAIL,1
            a3,2026-01-25,A3,MAIL,1
            a4,2026-02-08,A4,MAIL,1
            a6,2026-03-20,A6,MAIL,1
            n1,2025-06-10,N1,MAIL,1
            n2,2026-01-06,N2,MAIL,1
            """);
        await app.RecomputeAsync();

        // 2026-W10 ends 2026-03-08: eligible when d ≤ 2026-02-06. A1 used 30 days after d (activated),
        // A2 31 days (not), A3 5 days (its use before joining does not count), A5 never, A6 after the period,
        // A4 not judgeable yet, N1 9 days, N2 has no d.
        var w10 = (await app.GetAsync("/api/v1/kpis/adoption?grain=week&from=2026-03-02&to=2026-03-02")).Period("2026-W10").GetProperty("activation");
        Assert.Equal(6, w10.Long("eligible"));
        Assert.Equal(3, w10.Long("activated"));
        Assert.Equal(0.5, w10.Num("rate"));
        Assert.Equal(19.5, w10.Num("medianDays")); // 5, 9, 30, 31

        var departments = await app.GetAsync("/api/v1/kpis/adoption/departments?grain=week&from=2026-03-02&to=2026-03-02");
        var act = departments.Department("ACT").Period("2026-W10");
        Assert.False(act.GetProperty("suppressed").GetBoolean()); // admin
        Assert.Equal((5, 2), (act.GetProperty("activation").Long("eligible")!.Value, act.GetProperty("activation").Long("activated")!.Value));
        Assert.Equal(0.4, act.GetProperty("activation").Num("rate"));
        Assert.Equal(30, act.GetProperty("activation").Num("medianDays")); // 5, 30, 31

        // 2026-W06 ends 2026-02-08: d ≤ 2026-01-09, so A3 is not eligible yet.
        var w06 = (await app.GetAsync("/api/v1/kpis/adoption?grain=week&from=2026-02-02&to=2026-02-02")).Period("2026-W06").GetProperty("activation");
        Assert.Equal((5, 2), (w06.Long("eligible")!.Value, w06.Long("activated")!.Value));
        Assert.Equal(30, w06.Num("medianDays")); // 9, 30, 31

        // Nobody eligible before anybody's d is 30 days old.
        var early = (await app.GetAsync("/api/v1/kpis/adoption?grain=week&from=2025-06-02&to=2025-06-02")).Period("2025-W23").GetProperty("activation");
        Assert.Equal(0, early.Long("eligible"));
        Assert.True(early.IsNull("rate"));
        Assert.True(early.IsNull("medianDays"));

        var february = (await app.GetAsync("/api/v1/kpis/adoption?grain=month&from=2026-02-01&to=2026-02-01")).Period("2026-02").GetProperty("activation");
        Assert.Equal((6, 3), (february.Long("eligible")!.Value, february.Long("activated")!.Value));
        Assert.Equal(19.5, february.Num("medianDays"));
    }

    [Fact]
    public async Task Seats_are_idle_after_28_days_without_use_counting_the_last_day()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 11));
        await app.ImportOkAsync("departments", "code,name\nSEAT,Seats\nOTHER,Others\n");
        await app.ImportOkAsync("employees", """
            employee_key,department_code,has_seat
            IN28,SEAT,TRUE
            OUT29,SEAT,VRAI
            NEVER,SEAT,1
            USER,SEAT,oui
            NOSEAT,SEAT,non
            UNKNOWN,SEAT,
            O1,OTHER,true
            """);
        await app.ImportOkAsync("use-cases", UseCases);
        // 2026-W02 ends Sunday 2026-01-11; its 28 days are 2025-12-15 … 2026-01-11.
        await app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            in,2025-12-15,IN28,MAIL,1
            out,2025-12-14,OUT29,MAIL,1
            user,2026-01-11,USER,MAIL,1
            noseat,2026-01-07,NOSEAT,MAIL,1
            unknown,2026-01-06,UNKNOWN,MAIL,1
            o1,2026-01-05,O1,MAIL,1
            """);
        await app.RecomputeAsync();

        var departments = await app.GetAsync("/api/v1/kpis/adoption/departments?grain=week&from=2026-01-05&to=2026-01-05");
        var seats = departments.Department("SEAT").Period("2026-W02").GetProperty("seats");
        Assert.Equal(4, seats.Long("held"));
        Assert.Equal(2, seats.Long("idle")); // OUT29 (last use 28 days before the 11th… the 14th is outside) and NEVER
        Assert.Equal(2, seats.Long("unseatedActive")); // NOSEAT and UNKNOWN (no seat recorded)

        var organisation = (await app.GetAsync("/api/v1/kpis/adoption?grain=week&from=2026-01-05&to=2026-01-05")).Period("2026-W02").GetProperty("seats");
        Assert.Equal((5, 2, 2), (organisation.Long("held")!.Value, organisation.Long("idle")!.Value, organisation.Long("unseatedActive")!.Value));

        // January ends on the 31st: its 28 days start on the 4th, so IN28 is idle there too.
        var january = (await app.GetAsync("/api/v1/kpis/adoption/departments?grain=month&from=2026-01-01&to=2026-01-01"))
            .Department("SEAT").Period("2026-01").GetProperty("seats");
        Assert.Equal((4, 3), (january.Long("held")!.Value, january.Long("idle")!.Value));

        // The list, as of today (the 11th): OUT29 last used 28 days ago, NEVER never.
        var hr = await app.AsRole("hr");
        var idle = await app.GetAsync("/api/v1/seats/idle?departmentCode=SEAT", hr);
        var items = idle.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["NEVER", "OUT29"], items.Select(i => i.Str("employeeKey")!).ToArray());
        Assert.True(items[0].IsNull("daysSinceLastUse"));
        Assert.Equal(28, items[1].Long("daysSinceLastUse"));
        Assert.Equal("2025-12-14", items[1].Str("lastUsedOn"));

        hr.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var csv = await (await hr.GetAsync("/api/v1/seats/idle")).Content.ReadAsStringAsync();
        Assert.Equal("employeeKey,departmentCode,lastUsedOn,daysSinceLastUse\nNEVER,SEAT,,\nOUT29,SEAT,2025-12-14,28\n", csv.Replace("\r\n", "\n"));

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.AsRole("executive")).GetAsync("/api/v1/seats/idle")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.AsRole("champion", "SEAT")).GetAsync("/api/v1/seats/idle")).StatusCode);
        await (await app.Admin().GetAsync("/api/v1/seats/idle?departmentCode=NOPE")).ReadJsonAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Small_departments_hide_every_adoption_figure_from_non_admins()
    {
        await using var app = new KpiApp(new DateOnly(2026, 1, 11));
        await app.ImportOkAsync("departments", "code,name\nTINY,Tiny\n");
        await app.ImportOkAsync("employees", "employee_key,department_code,has_seat\nT1,TINY,true\n");
        await app.ImportOkAsync("use-cases", UseCases);
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nt,2026-01-06,T1,MAIL,1\n");
        await app.RecomputeAsync();

        const string url = "/api/v1/kpis/adoption/departments?grain=week&from=2026-01-05&to=2026-01-05";
        var hidden = (await app.GetAsync(url, await app.AsRole("executive"))).Department("TINY").Period("2026-W02");
        Assert.True(hidden.GetProperty("suppressed").GetBoolean());
        foreach (var field in new[] { "bands", "habitRate", "transitions", "activation", "seats" }) Assert.True(hidden.IsNull(field), field);

        var shown = (await app.GetAsync(url)).Department("TINY").Period("2026-W02");
        Assert.False(shown.GetProperty("suppressed").GetBoolean());
        Assert.Equal(1, shown.GetProperty("transitions").Long("new"));

        var csvClient = await app.AsRole("executive");
        csvClient.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var csv = (await (await csvClient.GetAsync(url)).Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,name,period,start,end,headcount,habitual,regular,occasional,nonUser,habitRate,retained,new,reactivated,lapsed,dormant," +
                     "eligible,activated,activationRate,medianDays,seatsHeld,seatsIdle,unseatedActive,suppressed", csv[0].TrimEnd('\r'));
        Assert.Equal("TINY,Tiny,2026-W02,2026-01-05,2026-01-11,1,,,,,,,,,,,,,,,,,,true", csv[1].TrimEnd('\r'));

        // The organisation's figures include every department: with TINY alone, its total is TINY's, hidden too.
        const string organisationUrl = "/api/v1/kpis/adoption?grain=week&from=2026-01-05&to=2026-01-05";
        var organisation = (await app.GetAsync(organisationUrl, await app.AsRole("executive"))).Period("2026-W02");
        Assert.True(organisation.GetProperty("suppressed").GetBoolean());
        Assert.True(organisation.IsNull("seats"));
        Assert.Equal(1, (await app.GetAsync(organisationUrl)).Period("2026-W02").GetProperty("seats").Long("held"));
    }
}
