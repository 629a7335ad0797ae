using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Kpis;

/// <summary>
/// Idle seats are counted one way everywhere (docs/DEFINITIONS.md#adoption-quality, "Seats"): the
/// seat holders employed at some time in the period, idle without usage in the 28 days ending on its
/// last day. The idle-seats list and the budget used to count only holders employed on the day, so a
/// holder who left during the week was an idle seat in the week's KPI and nowhere else.
/// </summary>
public sealed class IdleSeatWindowTests
{
    [Fact]
    public async Task A_seat_holder_who_left_during_the_week_is_idle_in_the_kpi_the_list_and_the_budget_alike()
    {
        // Sunday 2026-01-11 ends 2026-W02; the 28 days are 2025-12-15 … 2026-01-11.
        await using var app = new KpiApp(new DateOnly(2026, 1, 11));
        await app.ImportOkAsync("departments", "code,name\nSEAT,Seats\n");
        await app.ImportOkAsync("employees", """
            employee_key,department_code,joined_on,left_on,has_seat
            USER,SEAT,,,true
            NEVER,SEAT,,,true
            LEFT,SEAT,,2026-01-08,true
            GONE,SEAT,,2025-12-10,true
            P1,SEAT,,,false
            P2,SEAT,,,false
            """);
        await app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nMAIL,Mail,writing,production,6\n");
        await app.ImportOkAsync("usage-events", "event_id,occurred_on,employee_key,use_case_code,uses\nu,2026-01-05,USER,MAIL,1\n");
        await app.RecomputeAsync();
        var admin = app.Admin();
        (await admin.PutAsJsonAsync("/api/v1/budget/lines/SEATS", new
        {
            name = "Seats", departmentCode = "SEAT", category = "licenses", pricingModel = "per-seat",
            unitPrice = 10m, plannedUnits = 4m, periodStart = "2026-01-01", periodEnd = "2026-12-31",
        })).EnsureSuccessStatusCode();

        var kpi = (await app.GetAsync("/api/v1/kpis/adoption/departments?grain=week&from=2026-01-05&to=2026-01-05"))
            .Department("SEAT").Period("2026-W02").GetProperty("seats");
        Assert.Equal((3, 2), (kpi.Long("held")!.Value, kpi.Long("idle")!.Value)); // USER, NEVER, LEFT; NEVER and LEFT idle

        var list = (await app.GetAsync("/api/v1/seats/idle?departmentCode=SEAT")).GetProperty("items").EnumerateArray()
            .Select(i => i.Str("employeeKey")!).ToArray();
        Assert.Equal(["LEFT", "NEVER"], list); // LEFT was missing when the list took holders employed on the day

        var line = Assert.Single((await app.GetAsync("/api/v1/budget/summary?asOf=2026-01-11")).GetProperty("idleSeats").GetProperty("lines").EnumerateArray());
        Assert.Equal((3, 2), (line.Int("seatsHeld"), line.Int("idle"))); // was (2, 1)
    }
}
