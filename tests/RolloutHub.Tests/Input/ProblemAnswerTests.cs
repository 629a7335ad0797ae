using System.Net;
using System.Text;
using System.Text.Json;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Input;

/// <summary>Bad requests are answered alike everywhere: 400 naming the field, one title per status.</summary>
public sealed class ProblemAnswerTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public async Task InitializeAsync() => await World.LoadAsync(_app);
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static void AssertNames(JsonElement problem, string field)
    {
        Assert.Equal("The request is not valid.", problem.Str("title"));
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("PUT", "/api/v1/employees/S1", """{"departmentCode":"SALES","joinedOn":"yesterday"}""", "joinedOn")]
    [InlineData("PUT", "/api/v1/employees/S1", """{"departmentCode":"SALES","hasSeat":"maybe"}""", "hasSeat")]
    [InlineData("POST", "/api/v1/usage-events/", """{"events":[{"eventId":"e","occurredOn":"2026-01-05","employeeKey":"S1","useCaseCode":"MAIL","uses":"three"}]}""", "events[0].uses")]
    [InlineData("PUT", "/api/v1/departments/X", """{"name":42}""", "name")]
    [InlineData("PUT", "/api/v1/departments/X", """{"name":""", "name")]
    [InlineData("PUT", "/api/v1/departments/X", """[1,2]""", "body")]
    public async Task A_json_body_with_a_wrong_type_is_a_400_naming_the_field(string method, string path, string body, string field)
    {
        var response = await _app.Admin().SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Json(body) });
        AssertNames(await response.ReadJsonAsync(HttpStatusCode.BadRequest), field);
    }

    [Theory]
    [InlineData("/api/v1/use-cases/?status=nope", "status")]
    [InlineData("/api/v1/job-runs/?status=nope", "status")]
    [InlineData("/api/v1/job-runs/?job=nope", "job")]
    [InlineData("/api/v1/alerts/?status=nope", "status")]
    [InlineData("/api/v1/use-cases/indicators?status=nope", "status")]
    [InlineData("/api/v1/budget/summary?groupBy=nope", "groupBy")]
    [InlineData("/api/v1/kpis/?grain=nope", "grain")]
    [InlineData("/api/v1/use-cases/?limit=abc", "limit")]
    [InlineData("/api/v1/outcomes/?withBlockers=perhaps", "withBlockers")]
    public async Task Every_enumerated_or_typed_filter_refuses_an_unknown_value_with_a_400_naming_it(string path, string field)
    {
        AssertNames(await (await _app.Admin().GetAsync(path)).ReadJsonAsync(HttpStatusCode.BadRequest), field);
    }

    [Fact]
    public async Task Known_filter_values_are_still_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.Admin().GetAsync("/api/v1/use-cases/?status=pilot")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Admin().GetAsync("/api/v1/job-runs/?status=succeeded&job=kpis")).StatusCode);
    }

    [Fact]
    public async Task A_status_has_one_title_whoever_answers_it()
    {
        var champion = await _app.AsRole("champion", "SALES");
        // Refused by the authorisation policy (an empty 403 made a problem) and by a handler (an exception).
        var byPolicy = await (await champion.GetAsync("/api/v1/budget/lines")).ReadJsonAsync(HttpStatusCode.Forbidden);
        var byHandler = await (await champion.GetAsync("/api/v1/employees/?departmentCode=HR")).ReadJsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden.", byPolicy.Str("title"));
        Assert.Equal("Forbidden.", byHandler.Str("title"));

        var unknownRoute = await (await _app.Admin().GetAsync("/api/v1/nowhere")).ReadJsonAsync(HttpStatusCode.NotFound);
        var unknownRow = await (await _app.Admin().GetAsync("/api/v1/use-cases/NOPE")).ReadJsonAsync(HttpStatusCode.NotFound);
        Assert.Equal("Not found.", unknownRoute.Str("title"));
        Assert.Equal("Not found.", unknownRow.Str("title"));

        var anonymous = await _app.Anonymous().GetAsync("/api/v1/use-cases/");
        Assert.Equal("Unauthorized.", (await anonymous.ReadJsonAsync(HttpStatusCode.Unauthorized)).Str("title"));
    }
}
