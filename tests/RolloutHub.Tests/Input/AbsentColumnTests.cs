using System.Net;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>A column absent from an import file leaves that field of existing rows as it is; only an empty cell clears it.</summary>
public sealed class AbsentColumnTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> EmployeeAsync(string key) =>
        (await (await _app.Admin().GetAsync("/api/v1/employees/?limit=100")).ReadJsonAsync(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().Single(e => e.Str("employeeKey") == key);

    [Fact]
    public async Task An_employee_file_with_only_the_required_columns_keeps_the_other_fields_and_counts_nothing_changed()
    {
        var result = await _app.ImportOkAsync("employees", """
            employee_key,department_code
            S1,SALES
            S2,OPS
            N1,HR
            """);
        Assert.Equal((1, 1, 1), (result.Int("inserted"), result.Int("updated"), result.Int("unchanged")));

        var s1 = await EmployeeAsync("S1");
        Assert.Equal("2025-01-01", s1.Str("joinedOn"));
        Assert.Equal("power", s1.Str("trainingTier"));
        Assert.True(s1.GetProperty("hasSeat").GetBoolean());
        var s2 = await EmployeeAsync("S2");
        Assert.Equal("OPS", s2.Str("departmentCode"));
        Assert.Equal("casual", s2.Str("trainingTier"));
        Assert.Equal(JsonValueKind.Null, (await EmployeeAsync("N1")).GetProperty("joinedOn").ValueKind);
    }

    [Fact]
    public async Task An_empty_cell_clears_its_field_and_counts_as_an_update()
    {
        var result = await _app.ImportOkAsync("employees", """
            employee_key,department_code,training_tier
            S1,SALES,
            S2,SALES,casual
            """);
        Assert.Equal((0, 1, 1), (result.Int("inserted"), result.Int("updated"), result.Int("unchanged")));
        var s1 = await EmployeeAsync("S1");
        Assert.Equal(JsonValueKind.Null, s1.GetProperty("trainingTier").ValueKind);
        Assert.Equal("2025-01-01", s1.Str("joinedOn"));
        Assert.True(s1.GetProperty("hasSeat").GetBoolean());
    }

    [Fact]
    public async Task A_use_case_file_without_the_departments_column_keeps_where_each_applies()
    {
        var result = await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use
            QUOTE,Prepare quotes,sales,pilot,20.5
            """);
        Assert.Equal((0, 0, 1), (result.Int("inserted"), result.Int("updated"), result.Int("unchanged")));
        var quote = await (await _app.Admin().GetAsync("/api/v1/use-cases/QUOTE")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Marc", quote.Str("owner"));
        Assert.Contains("OPS", quote.ToString());
        Assert.Contains("SALES", quote.ToString());
    }

    [Fact]
    public async Task A_usage_file_without_minutes_keeps_the_minutes_already_recorded()
    {
        await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            e1,2026-01-05,S1,MAIL,3,12.5
            """);
        var again = await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses
            e1,2026-01-05,S1,MAIL,3
            """);
        Assert.Equal(1, again.Int("unchanged"));
        var events = await (await _app.Admin().GetAsync("/api/v1/usage-events/")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(12.5, events.GetProperty("items")[0].GetProperty("minutesSaved").GetDouble());
    }
}
