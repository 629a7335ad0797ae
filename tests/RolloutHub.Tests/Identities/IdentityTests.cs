using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Identities;

/// <summary>Who is who in the AI tools: employees' e-mail addresses, their identifiers in other systems, and use cases' tools.</summary>
public sealed class IdentityTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement[]> IdentitiesAsync(string query = "") =>
        (await (await _app.Admin().GetAsync($"/api/v1/identities{query}")).ReadJsonAsync(HttpStatusCode.OK))
        .GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task Identities_are_keyed_by_system_and_identifier_without_case_and_upserted()
    {
        var first = await _app.ImportOkAsync("identities", """
            employee_key,system,external_id
            S1,GitHub, Octo-Cat
            S2,viva,A1B2
            """);
        Assert.Equal((2, 0, 0), (first.Int("inserted"), first.Int("updated"), first.Int("unchanged")));

        // The same key in other case and spaces is the same identity: moved to H1, the other unchanged.
        var second = await _app.ImportOkAsync("identities", """
            system;external_id;employee_key
             github ;OCTO-CAT;H1
            VIVA;a1b2;S2
            """);
        Assert.Equal((0, 1, 1), (second.Int("inserted"), second.Int("updated"), second.Int("unchanged")));

        var all = await IdentitiesAsync();
        Assert.Equal([("github", "octo-cat", "H1"), ("viva", "a1b2", "S2")],
            all.Select(i => (i.Str("system"), i.Str("externalId"), i.Str("employeeKey"))).ToArray());
    }

    [Fact]
    public async Task An_identity_of_an_unknown_employee_or_twice_in_a_file_refuses_the_file_whole()
    {
        var response = await _app.ImportAsync("identities", """
            employee_key,system,external_id
            S1,github,octo
            NOBODY,github,ghost
            S2,GITHUB,Octo
            O1,email,
            """);
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Int("line"), e.Str("column"))).ToList();
        Assert.Contains((3, "employee_key"), errors);
        Assert.Contains((4, "system,external_id"), errors);
        Assert.Contains((5, "external_id"), errors);
        Assert.Empty(await IdentitiesAsync());
    }

    [Fact]
    public async Task A_dry_run_answers_what_the_import_would_and_writes_nothing()
    {
        const string csv = """
            employee_key,system,external_id
            S1,github,octo
            """;
        var dry = await (await _app.ImportAsync("identities", csv, dryRun: true)).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, dry.Int("inserted"));
        Assert.Empty(await IdentitiesAsync());
        var real = await _app.ImportOkAsync("identities", csv);
        Assert.Equal(1, real.Int("inserted"));
        Assert.Single(await IdentitiesAsync());
    }

    [Fact]
    public async Task HR_may_import_identities_champions_and_executives_may_not()
    {
        const string csv = "employee_key,system,external_id\nS1,github,octo\n";
        Assert.Equal(HttpStatusCode.OK, (await _app.ImportAsync("identities", csv, client: await _app.AsRole("hr"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ImportAsync("identities", csv, client: await _app.AsRole("champion", "SALES"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ImportAsync("identities", csv, client: await _app.AsRole("executive"))).StatusCode);
        // The list and its edits are for admins.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.AsRole("hr")).GetAsync("/api/v1/identities")).StatusCode);
    }

    [Fact]
    public async Task Admins_list_filter_edit_and_delete_identities_and_each_write_is_audited()
    {
        await _app.ImportOkAsync("identities", """
            employee_key,system,external_id
            S1,github,octo
            S1,viva,p-1
            S2,github,hubber
            H1,email,h1@other.example
            """);
        Assert.Equal(["octo", "p-1"], (await IdentitiesAsync("?employeeKey=S1")).Select(i => i.Str("externalId")!).ToArray());
        Assert.Equal(["hubber", "octo"], (await IdentitiesAsync("?system=GitHub")).Select(i => i.Str("externalId")!).ToArray());
        Assert.Equal(["hubber"], (await IdentitiesAsync("?q=HUB")).Select(i => i.Str("externalId")!).ToArray());

        // Paged by system and identifier.
        var page = await (await _app.Admin().GetAsync("/api/v1/identities?limit=3")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        var next = await (await _app.Admin().GetAsync($"/api/v1/identities?limit=3&cursor={page.Str("nextCursor")}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("p-1", next.GetProperty("items")[0].Str("externalId"));

        var saved = await (await _app.Admin().PutAsJsonAsync("/api/v1/identities/GitHub/Octo", new { employeeKey = "O1" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(("github", "octo", "O1"), (saved.Str("system"), saved.Str("externalId"), saved.Str("employeeKey")));
        Assert.Equal("O1", (await IdentitiesAsync("?system=github&q=octo")).Single().Str("employeeKey"));

        var unknown = await (await _app.Admin().PutAsJsonAsync("/api/v1/identities/github/octo", new { employeeKey = "NOBODY" })).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("employeeKey", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await _app.Admin().DeleteAsync("/api/v1/identities/GITHUB/octo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().DeleteAsync("/api/v1/identities/github/octo")).StatusCode);
        Assert.Empty(await IdentitiesAsync("?q=octo"));

        var audit = (await (await _app.Admin().GetAsync("/api/v1/audit?limit=50")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(a => a.Str("entity") == "identity").Select(a => a.Str("action")).ToArray();
        Assert.Contains("save", audit);
        Assert.Contains("delete", audit);

        var csv = _app.Admin();
        csv.DefaultRequestHeaders.Accept.ParseAdd("text/csv");
        var text = await (await csv.GetAsync("/api/v1/identities")).Content.ReadAsStringAsync();
        Assert.StartsWith("system,externalId,employeeKey", text);
    }

    [Fact]
    public async Task Employee_emails_are_stored_lowercased_and_belong_to_one_employee()
    {
        await _app.ImportOkAsync("employees", """
            employee_key,department_code,email
            S1,SALES, Ada@Example.com
            S2,SALES,
            """);
        var roster = (await (await _app.Admin().GetAsync("/api/v1/employees")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal("ada@example.com", roster.Single(e => e.Str("employeeKey") == "S1").Str("email"));

        // Twice in the file (without case and spaces), and already S1's: every line is an error, nothing written.
        var response = await _app.ImportAsync("employees", """
            employee_key,department_code,email
            S2,SALES,bob@example.com
            H1,HR,BOB@example.com
            O1,OPS,ada@example.COM
            """);
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (e.Int("line"), e.Str("column"))).ToList();
        Assert.Equal([(3, "email"), (4, "email")], errors);
        Assert.True((await (await _app.Admin().GetAsync("/api/v1/employees")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items")
            .EnumerateArray().All(e => e.Str("employeeKey") == "S1" || e.GetProperty("email").ValueKind == JsonValueKind.Null));

        // The same employee keeping their address is no conflict; not an address is an error.
        Assert.Equal(1, (await _app.ImportOkAsync("employees", "employee_key,department_code,email\nS1,SALES,ADA@example.com\n")).Int("unchanged"));
        var bad = await (await _app.ImportAsync("employees", "employee_key,department_code,email\nS2,SALES,not an address\n")).ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("email", bad.GetProperty("errors")[0].Str("column"));

        // The API says the same.
        var taken = await (await _app.Admin().PutAsJsonAsync("/api/v1/employees/H1", new { departmentCode = "HR", email = "ADA@example.com " }))
            .ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(taken.GetProperty("errors").TryGetProperty("email", out _));
        var saved = await (await _app.Admin().PutAsJsonAsync("/api/v1/employees/H1", new { departmentCode = "HR", email = " H1@Example.com" }))
            .ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("h1@example.com", saved.Str("email"));
    }

    [Fact]
    public async Task A_use_case_names_its_tool_in_the_import_and_the_API_and_the_list_filters_by_it()
    {
        var imported = await _app.ImportOkAsync("use-cases", """
            code,title,category,status,minutes_saved_per_use,tool
            MAIL,Draft e-mails,writing,production,6,Microsoft 365 Copilot
            CODE,Write code,it,production,10, GitHub Copilot
            """);
        Assert.Equal((1, 1), (imported.Int("inserted"), imported.Int("updated")));
        var mail = await (await _app.Admin().GetAsync("/api/v1/use-cases/MAIL")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("Microsoft 365 Copilot", mail.Str("tool"));

        var saved = await (await _app.Admin().PutAsJsonAsync("/api/v1/use-cases/CHAT", new
        {
            title = "Ask", category = "general", status = "production", minutesSavedPerUse = 2, tool = "ChatGPT Enterprise",
        })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("ChatGPT Enterprise", saved.Str("tool"));

        var copilot = (await (await _app.Admin().GetAsync("/api/v1/use-cases?tool=github%20copilot")).ReadJsonAsync(HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Select(u => u.Str("code")!).ToArray();
        Assert.Equal(["CODE"], copilot);
        var tooLong = await (await _app.Admin().PutAsJsonAsync("/api/v1/use-cases/CHAT", new
        {
            title = "Ask", category = "general", status = "production", minutesSavedPerUse = 2, tool = new string('x', 101),
        })).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("tool", out _));
    }
}
