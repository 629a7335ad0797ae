using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Imports;

public sealed class ImportTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_comma_file_and_a_French_semicolon_file_import_the_same_usage()
    {
        var comma = await _app.ImportOkAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            e1,2026-01-05,S1,MAIL,3,12.5
            e2,2026-01-06,S2,QUOTE,1,
            """);
        Assert.Equal(2, comma.Int("inserted"));

        // Same rows in the spreadsheet dialect: ';', dd/mm/yyyy, decimal comma, BOM, other column order.
        var french = await _app.ImportOkAsync("usage-events",
            "\uFEFFminutes_saved;uses;use_case_code;employee_key;occurred_on;event_id\r\n12,5;3;MAIL;S1;05/01/2026;e1\r\n;1;QUOTE;S2;06/01/2026;e2\r\n");
        Assert.Equal(0, french.Int("inserted"));
        Assert.Equal(0, french.Int("updated"));
        Assert.Equal(2, french.Int("unchanged"));
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        const string csv = """
            report_id,occurred_on,department_code,use_case_code,tickets_avoided,employees_helped,satisfaction,blockers,note
            r1,2026-02-02,SALES,MAIL,4,2,5,,"first, with a comma"
            r2,2026-02-03,HR,,0,1,,"no licence",
            """;
        var first = await _app.ImportOkAsync("outcomes", csv);
        var second = await _app.ImportOkAsync("outcomes", csv);
        Assert.Equal((2, 0, 0), (first.Int("inserted"), first.Int("updated"), first.Int("unchanged")));
        Assert.Equal((0, 0, 2), (second.Int("inserted"), second.Int("updated"), second.Int("unchanged")));

        var changed = await _app.ImportOkAsync("outcomes", csv.Replace("4,2,5", "5,2,5"));
        Assert.Equal((0, 1, 1), (changed.Int("inserted"), changed.Int("updated"), changed.Int("unchanged")));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_whole_with_every_error_listed()
    {
        var response = await _app.ImportAsync("usage-events", """
            event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved
            ok1,2026-01-05,S1,MAIL,1,
            bad1,2026-02-30,S1,MAIL,0,
            bad2,2026-01-05,NOBODY,NOPE,2,-1
            ok2,2026-01-06,S2,MAIL,1,
            """);
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.Int("line"), e.Str("column"))).ToList();
        Assert.Equal(
            [(3, "occurred_on"), (3, "uses"), (4, "minutes_saved"), (4, "employee_key"), (4, "use_case_code")],
            errors.OrderBy(e => e.Item1).ThenBy(e => e.Item2 == "minutes_saved" ? 0 : e.Item2 == "employee_key" ? 1 : 2).ToList());

        var page = await (await _app.Admin().GetAsync("/api/v1/usage-events")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Each_line_error_names_what_went_wrong_and_the_values_it_quotes_for_the_dashboard_to_word_it()
    {
        var problem = await (await _app.ImportAsync("usage-events", """
            event_id;occurred_on;employee_key;use_case_code;uses;minutes_saved;colour
            bad1;pas une date;S1;MAIL;0;1,5;blue
            bad2;05/01/2026;NOBODY;MAIL;2;douze;red
            """)).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().ToDictionary(
            e => (e.Int("line"), e.Str("column")),
            e => (e.Str("code"), e.GetProperty("args").ValueKind == System.Text.Json.JsonValueKind.Object
                ? string.Join(";", e.GetProperty("args").EnumerateObject().Select(a => $"{a.Name}={a.Value.GetString()}"))
                : ""));
        Assert.Equal(("not-a-date", "value=pas une date"), errors[(2, "occurred_on")]);
        Assert.Equal(("out-of-range", "value=0;min=1;max=1000000"), errors[(2, "uses")]);
        Assert.Equal(("not-a-number-decimal-comma", "value=douze"), errors[(3, "minutes_saved")]);
        Assert.Equal(("unknown-employee", ""), errors[(3, "employee_key")]);
        Assert.Equal(4, errors.Count);

        var ok = await _app.ImportOkAsync("departments", "code,name,colour\nFIN,Finance,blue\n");
        var warning = Assert.Single(ok.GetProperty("warnings").EnumerateArray());
        Assert.Equal(("unknown-column", "colour"), (warning.Str("code"), warning.GetProperty("args").Str("column")));
    }

    [Fact]
    public async Task A_first_load_into_an_empty_table_counts_every_row_new_and_marks_each_of_its_dates_for_the_KPIs()
    {
        // No automatic KPI run in the meantime: it would consume the marked dates.
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Kpis:DebounceSeconds"] = "100000", ["Kpis:MaxDelaySeconds"] = "100000" });
        await World.LoadAsync(app);
        const string header = "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n";
        var dry = await (await app.ImportAsync("usage-events", header + "a,2026-01-05,S1,MAIL,1,\nb,2026-01-05,S2,MAIL,1,\nc,2026-01-07,S1,MAIL,2,4.5\n", dryRun: true))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((3, 0, 0), (dry.Int("inserted"), dry.Int("updated"), dry.Int("unchanged")));
        Assert.Empty(await DirtyDatesAsync(app));

        var first = await app.ImportOkAsync("usage-events", header + "a,2026-01-05,S1,MAIL,1,\nb,2026-01-05,S2,MAIL,1,\nc,2026-01-07,S1,MAIL,2,4.5\n");
        Assert.Equal((3, 0, 0), (first.Int("inserted"), first.Int("updated"), first.Int("unchanged")));
        Assert.Equal(["2026-01-05", "2026-01-07"], await DirtyDatesAsync(app));
        var stored = await (await app.Admin().GetAsync("/api/v1/usage-events?limit=10")).ReadJsonAsync(HttpStatusCode.OK);
        var c = stored.GetProperty("items").EnumerateArray().Single(e => e.Str("eventId") == "c");
        Assert.Equal(("2026-01-07", "S1", 2, 4.5), (c.Str("occurredOn"), c.Str("employeeKey"), c.Int("uses"), c.GetProperty("minutesSaved").GetDouble()));

        // The table is no longer empty: the next file is counted and upserted.
        var second = await app.ImportOkAsync("usage-events", header + "a,2026-01-05,S1,MAIL,1,\nb,2026-01-06,S2,MAIL,1,\nd,2026-01-08,S2,MAIL,1,\n");
        Assert.Equal((1, 1, 1), (second.Int("inserted"), second.Int("updated"), second.Int("unchanged")));
        Assert.Equal(["2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"], await DirtyDatesAsync(app));
    }

    [Fact]
    public async Task A_first_load_ends_with_the_tables_indexes_in_place_whether_it_commits_or_is_a_dry_run()
    {
        // A first load builds usage_events' secondary indexes after its rows: they must be there
        // again afterwards, and a dry run (rolled back) must not lose them either.
        await using var app = new TestApp();
        await World.LoadAsync(app);
        var before = await IndexesAsync(app, "usage_events");
        Assert.Contains("ix_usage_events_employee_date", before);
        const string header = "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n";
        await (await app.ImportAsync("usage-events", header + "a,2026-01-05,S1,MAIL,1,\nb,2026-01-06,S2,MAIL,1,\n", dryRun: true)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(before, await IndexesAsync(app, "usage_events"));

        var first = await app.ImportOkAsync("usage-events", header + "a,2026-01-05,S1,MAIL,1,\nb,2026-01-06,S2,MAIL,1,\n");
        Assert.Equal(2, first.Int("inserted"));
        Assert.Equal(before, await IndexesAsync(app, "usage_events"));
        await using var connection = await app.Database.OpenAsync();
        Assert.Equal(2, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM usage_events WHERE employee_key IN ('S1', 'S2') AND occurred_on >= '2026-01-05'"));
    }

    private static async Task<List<string>> IndexesAsync(TestApp app, string table)
    {
        await using var connection = await app.Database.OpenAsync();
        var sql = app.Database.Provider switch
        {
            "sqlite" => "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = @table ORDER BY name",
            "postgres" => "SELECT indexname FROM pg_indexes WHERE tablename = @table ORDER BY indexname",
            _ => "SELECT i.name FROM sys.indexes i WHERE i.object_id = OBJECT_ID(@table) AND i.name IS NOT NULL ORDER BY i.name",
        };
        return (await Dapper.SqlMapper.QueryAsync<string>(connection, sql, new { table })).ToList();
    }

    private static async Task<List<string>> DirtyDatesAsync(TestApp app)
    {
        await using var connection = await app.Database.OpenAsync();
        return (await Dapper.SqlMapper.QueryAsync<DateOnly>(connection, "SELECT occurred_on FROM kpi_dirty_dates ORDER BY occurred_on"))
            .Select(d => d.ToString("yyyy-MM-dd")).ToList();
    }

    [Fact]
    public async Task A_dry_run_answers_what_the_import_would_and_writes_nothing()
    {
        const string csv = """
            employee_key,department_code,joined_on
            S1,OPS,2025-01-01
            N1,HR,15/03/2026
            """;
        var dry = await (await _app.ImportAsync("employees", csv, dryRun: true)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal((1, 1, 0), (dry.Int("inserted"), dry.Int("updated"), dry.Int("unchanged")));
        Assert.True(dry.GetProperty("dryRun").GetBoolean());

        var employees = await (await _app.Admin().GetAsync("/api/v1/employees")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(4, employees.GetProperty("items").GetArrayLength());

        var real = await _app.ImportOkAsync("employees", csv);
        Assert.Equal((1, 1, 0), (real.Int("inserted"), real.Int("updated"), real.Int("unchanged")));

        var failingDry = await _app.ImportAsync("employees", "employee_key,department_code\nX,NOWHERE\n", dryRun: true);
        var failingReal = await _app.ImportAsync("employees", "employee_key,department_code\nX,NOWHERE\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, failingDry.StatusCode);
        Assert.Equal(await Errors(failingReal), await Errors(failingDry));
    }

    [Fact]
    public async Task Unknown_columns_are_warnings_and_missing_required_columns_are_errors_on_line_1()
    {
        var ok = await _app.ImportOkAsync("departments", "code;name;colour\nFIN;Finance;blue\n");
        var warning = Assert.Single(ok.GetProperty("warnings").EnumerateArray());
        Assert.Equal((1, "colour"), (warning.Int("line"), warning.Str("column")));

        var missing = await (await _app.ImportAsync("spend", "spend_id,occurred_on,amount\n1,2026-01-01,3\n"))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(missing.GetProperty("errors").EnumerateArray());
        Assert.Equal((1, "budget_line_code"), (error.Int("line"), error.Str("column")));
    }

    [Fact]
    public async Task Every_kind_accepts_a_multipart_upload()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("employee_key;module_code;completed_on\nS1;MAIL;02/01/2026\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "trainings.csv");
        var result = await (await _app.Admin().PostAsync("/api/v1/imports/trainings", form)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, result.Int("inserted"));
    }

    [Fact]
    public async Task Use_cases_keep_their_applicable_departments_and_reject_unknown_ones()
    {
        var again = await _app.ImportOkAsync("use-cases", World.UseCases.Replace("SALES|OPS", "OPS|SALES"));
        Assert.Equal(2, again.Int("unchanged"));

        var bad = await (await _app.ImportAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,applicable_departments
            NEW,New,writing,launched,1,SALES|MOON
            """)).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var columns = bad.GetProperty("errors").EnumerateArray().Select(e => e.Str("column")).Order().ToList();
        Assert.Equal(["applicable_departments", "status"], columns);
    }

    [Fact]
    public async Task A_use_case_whose_departments_change_counts_as_updated_and_answers_its_new_departments()
    {
        var narrowed = await _app.ImportOkAsync("use-cases", World.UseCases.Replace("SALES|OPS", "SALES"));
        Assert.Equal((1, 1), (narrowed.Int("updated"), narrowed.Int("unchanged")));
        Assert.Equal(["SALES"], (await QuoteDepartmentsAsync()));

        var everyDepartment = await _app.ImportOkAsync("use-cases", World.UseCases.Replace("SALES|OPS", ""));
        Assert.Equal(1, everyDepartment.Int("updated"));
        Assert.Empty(await QuoteDepartmentsAsync());

        var widened = await _app.ImportOkAsync("use-cases", World.UseCases);
        Assert.Equal(1, widened.Int("updated"));
        Assert.Equal(["OPS", "SALES"], await QuoteDepartmentsAsync());

        // A file without the column leaves the departments as they are.
        var without = await _app.ImportOkAsync("use-cases", "code,title,category,status,minutes_saved_per_use\nQUOTE,Prepare quotes,sales,pilot,20.5\n");
        Assert.Equal(1, without.Int("unchanged"));
        Assert.Equal(["OPS", "SALES"], await QuoteDepartmentsAsync());
    }

    private async Task<List<string>> QuoteDepartmentsAsync()
    {
        var quote = await (await _app.Admin().GetAsync("/api/v1/use-cases/QUOTE")).ReadJsonAsync(HttpStatusCode.OK);
        return quote.GetProperty("applicableDepartments").EnumerateArray().Select(d => d.GetString()!).ToList();
    }

    [Fact]
    public async Task Spend_reads_decimal_commas_and_rejects_unknown_budget_lines()
    {
        var response = await _app.ImportAsync("spend", "spend_id;occurred_on;budget_line_code;amount\ns1;01/02/2026;NOPE;1234,56\n");
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("budget_line_code", Assert.Single(problem.GetProperty("errors").EnumerateArray()).Str("column"));
    }

    [Fact]
    public async Task A_file_whose_rows_do_not_fill_the_last_staging_statement_stores_every_row_and_names_a_bad_line_at_its_end()
    {
        // 200 rows: the staging writer inserts them many to a statement, the last few one at a time.
        const string header = "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved\n";
        var rows = Enumerable.Range(1, 200)
            .Select(i => $"e{i:000},2026-01-{1 + i % 28:00},{(i % 2 == 0 ? "S1" : "S2")},MAIL,{i},{(i % 3 == 0 ? "" : $"{i}.5")}")
            .ToList();
        var bad = rows.ToList();
        bad[197] = "e198,2026-01-05,NOBODY,MAIL,1,";
        var problem = await (await _app.ImportAsync("usage-events", header + string.Join("\n", bad) + "\n"))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal((199, "employee_key"), (error.Int("line"), error.Str("column")));
        var none = await (await _app.Admin().GetAsync("/api/v1/usage-events")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        var imported = await _app.ImportOkAsync("usage-events", header + string.Join("\n", rows) + "\n");
        Assert.Equal((200, 200), (imported.Int("rowsRead"), imported.Int("inserted")));
        // The last rows (e193 to e200) went in one at a time, with their values.
        var last = await (await _app.Admin().GetAsync("/api/v1/usage-events?from=2026-01-03&to=2026-01-05&limit=100")).ReadJsonAsync(HttpStatusCode.OK);
        var stored = last.GetProperty("items").EnumerateArray().ToDictionary(e => e.Str("eventId")!);
        Assert.Equal(("S1", 198, JsonValueKind.Null), (stored["e198"].Str("employeeKey"), stored["e198"].Int("uses"), stored["e198"].GetProperty("minutesSaved").ValueKind));
        Assert.Equal(("S2", "2026-01-04", 199.5), (stored["e199"].Str("employeeKey"), stored["e199"].Str("occurredOn"), stored["e199"].GetProperty("minutesSaved").GetDouble()));
        Assert.Equal(("S1", 200, 200.5), (stored["e200"].Str("employeeKey"), stored["e200"].Int("uses"), stored["e200"].GetProperty("minutesSaved").GetDouble()));
    }

    [Fact]
    public async Task A_key_twice_in_one_file_is_an_error()
    {
        var problem = await (await _app.ImportAsync("departments", "code,name\nA,One\nA,Two\n"))
            .ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(3, Assert.Single(problem.GetProperty("errors").EnumerateArray()).Int("line"));
    }

    [Fact]
    public async Task An_unknown_kind_is_404_and_a_json_body_is_415()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ImportAsync("planets", "code\n1\n")).StatusCode);
        var json = await _app.Admin().PostAsync("/api/v1/imports/departments", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }

    [Fact]
    public async Task A_champion_file_with_a_row_for_another_department_is_refused_whole()
    {
        var champion = await _app.AsRole("champion", "SALES");
        const string csv = """
            event_id,occurred_on,employee_key,use_case_code,uses
            c1,2026-01-05,S1,MAIL,1
            c2,2026-01-05,H1,MAIL,1
            """;
        var refused = await _app.ImportAsync("usage-events", csv, client: champion);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var own = await _app.ImportAsync("usage-events", csv.Split('\n')[0] + "\n" + csv.Split('\n')[1] + "\n", client: champion);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var hr = await _app.AsRole("hr");
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ImportAsync("usage-events", csv, client: hr)).StatusCode);
    }

    [Fact]
    public async Task Nothing_is_reachable_without_a_token()
    {
        var response = await _app.ImportAsync("departments", "code,name\nX,Y\n", client: _app.Anonymous());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> Errors(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetRawText();
}
