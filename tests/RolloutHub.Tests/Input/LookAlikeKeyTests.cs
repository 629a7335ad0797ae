using System.Net;
using System.Net.Http.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>Keys that print alike are one key, or refused: never two.</summary>
public sealed class LookAlikeKeyTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private const string Composed = "CAF\u00C9", Decomposed = "CAFE\u0301";

    private async Task<int> DepartmentCountAsync() =>
        (await (await _app.Admin().GetAsync("/api/v1/departments/")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("items").GetArrayLength();

    [Fact]
    public async Task A_csv_key_in_another_unicode_form_or_width_is_the_same_key()
    {
        var first = await _app.ImportOkAsync("departments", $"code,name\n{Composed},Café\n");
        Assert.Equal(1, first.Int("inserted"));
        var again = await _app.ImportOkAsync("departments", $"code,name\n{Decomposed},Café\n");
        Assert.Equal((0, 1), (again.Int("inserted"), again.Int("unchanged")));
        Assert.Equal(World.DepartmentCount + 1, await DepartmentCountAsync());

        // Fullwidth letters name the existing SALES department.
        var employees = await _app.ImportOkAsync("employees", "employee_key,department_code\nＳ９,ＳＡＬＥＳ\n");
        Assert.Equal(1, employees.Int("inserted"));
        var list = await (await _app.Admin().GetAsync("/api/v1/employees/?departmentCode=SALES")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), e => e.Str("employeeKey") == "S9");
    }

    [Theory]
    [InlineData("SA\u200BLES")]
    [InlineData("SALES\u0000")]
    [InlineData("\u202ESALES")]
    [InlineData("SA\u00A0LES")]
    public async Task A_csv_key_with_an_invisible_or_control_character_is_a_line_error(string key)
    {
        var response = await _app.ImportAsync("departments", $"code,name\nOK,Fine\n{key},Sneaky\n");
        var problem = await response.ReadJsonAsync(HttpStatusCode.UnprocessableEntity);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt64());
        Assert.Equal("invisible-character", error.Str("code"));
        Assert.Contains("U+", error.Str("message"));
        Assert.Equal(World.DepartmentCount, await DepartmentCountAsync());
    }

    [Fact]
    public async Task A_json_key_with_an_invisible_character_or_in_another_form_is_a_400_naming_it()
    {
        var hidden = await _app.Admin().PutAsJsonAsync("/api/v1/employees/S1", new { departmentCode = "SA\u200BLES" });
        var problem = await hidden.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("U+200B", problem.GetProperty("errors").GetProperty("departmentCode")[0].GetString());

        var route = await _app.Admin().PutAsJsonAsync($"/api/v1/departments/{Uri.EscapeDataString(Decomposed)}", new { name = "Café" });
        var routeProblem = await route.ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains(Composed, routeProblem.GetProperty("errors").GetProperty("code")[0].GetString());

        var fullwidth = await _app.Admin().PutAsJsonAsync("/api/v1/employees/S1", new { departmentCode = "ＳＡＬＥＳ" });
        Assert.Equal(HttpStatusCode.BadRequest, fullwidth.StatusCode);
        Assert.Equal(World.DepartmentCount, await DepartmentCountAsync());
    }
}
