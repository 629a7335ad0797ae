using System.Net;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Data;

/// <summary>A fact that runs only where a SQL Server is named, and says so when skipped.</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string SkipReason = "no SQL Server available: set ROLLOUTHUB_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TestDatabase.SqlServerVariable))) Skip = SkipReason;
    }
}

/// <summary>
/// SQL Server in every run of the suite: skipped, with the reason, where no server is named;
/// otherwise a smoke test whatever the run's provider. (scripts/test.sh also runs the whole
/// suite on SQL Server when ROLLOUTHUB_TEST_SQLSERVER is set.)
/// </summary>
public sealed class SqlServerTests
{
    [SqlServerFact]
    public async Task Migrates_an_empty_database_then_imports_upserts_and_pages()
    {
        await using var app = new TestApp(TestDatabase.SqlServer(Environment.GetEnvironmentVariable(TestDatabase.SqlServerVariable)!));
        await World.LoadAsync(app);
        var again = await app.ImportOkAsync("employees", World.Employees);
        Assert.Equal(4, again.Int("unchanged"));

        var page = await (await app.Admin().GetAsync("/api/v1/employees?limit=3")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("items").GetArrayLength());
        var cursor = page.Str("nextCursor");
        var rest = await (await app.Admin().GetAsync($"/api/v1/employees?limit=3&cursor={cursor}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(1, rest.GetProperty("items").GetArrayLength());
    }
}
