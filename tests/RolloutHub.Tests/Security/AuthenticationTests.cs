using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RolloutHub.Tests.Support;

namespace RolloutHub.Tests.Security;

public sealed class AuthenticationTests
{
    private const string SigningKey = "a-test-signing-key-of-at-least-256-bits!!";

    private static TestApp WithIdentityProvider(IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Jwt:SigningKey"] = SigningKey, ["Auth:Jwt:Issuer"] = "https://idp.test", ["Auth:Jwt:Audience"] = "rollouthub",
            ["Auth:Jwt:RoleClaim"] = "rh_role", ["Auth:Jwt:DepartmentsClaim"] = "rh_departments",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string?>()) settings[k] = v;
        return new TestApp(settings: settings);
    }

    private static string Jwt(string role, string departments = "", string issuer = "https://idp.test", DateTime? expires = null, string key = SigningKey,
        string audience = "rollouthub") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Subject = new ClaimsIdentity([new Claim("sub", "u-42"), new Claim("name", "Camille"), new Claim("rh_role", role), new Claim("rh_departments", departments)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task A_jwt_from_the_identity_provider_carries_role_and_departments()
    {
        await using var app = WithIdentityProvider();
        await World.LoadAsync(app);
        var me = await (await app.As(Jwt("champion", "SALES HR")).GetAsync("/api/v1/me")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("champion", me.Str("role"));
        Assert.Equal("Camille", me.Str("name"));
        Assert.Equal(["SALES", "HR"], me.GetProperty("departmentCodes").EnumerateArray().Select(d => d.GetString()));

        var champion = app.As(Jwt("champion", "SALES"));
        var own = await champion.PostAsJsonAsync("/api/v1/usage-events", new { events = new[] { new { occurredOn = "2026-01-05", employeeKey = "S1", useCaseCode = "MAIL", uses = 1 } } });
        var other = await champion.PostAsJsonAsync("/api/v1/usage-events", new { events = new[] { new { occurredOn = "2026-01-05", employeeKey = "H1", useCaseCode = "MAIL", uses = 1 } } });
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (own.StatusCode, other.StatusCode));
    }

    [Fact]
    public async Task A_jwt_with_a_wrong_issuer_key_role_or_an_expired_one_is_refused()
    {
        await using var app = WithIdentityProvider();
        foreach (var token in new[]
                 {
                     Jwt("admin", issuer: "https://evil.test"), Jwt("admin", key: "another-key-of-at-least-256-bits-long!!!"),
                     Jwt("superuser"), Jwt("admin", expires: DateTime.UtcNow.AddMinutes(-5)),
                 })
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.As(token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Admin().GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_jwt_minted_for_another_application_of_the_same_provider_is_refused()
    {
        await using var app = WithIdentityProvider();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.As(Jwt("admin", audience: "payroll")).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.As(Jwt("admin")).GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData("Auth:Jwt:Audience", "Auth:Jwt:SigningKey")]
    [InlineData("Auth:Jwt:Issuer", "Auth:Jwt:SigningKey")]
    [InlineData("Auth:Jwt:Audience", "Auth:Jwt:Authority")]
    [InlineData("Auth:Jwt:Issuer", "Auth:Jwt:Authority")]
    public async Task The_service_refuses_to_start_with_an_identity_provider_but_no_audience_or_issuer(string missing, string configured)
    {
        var settings = new Dictionary<string, string?> { [missing] = "" };
        if (configured == "Auth:Jwt:Authority") settings = new() { [missing] = "", ["Auth:Jwt:SigningKey"] = "", [configured] = "https://idp.test" };
        await using var app = WithIdentityProvider(settings);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        var all = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains($"Set {missing}", all);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
            if (x is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten)) yield return inner;
        }
    }

    [Fact]
    public async Task Without_an_identity_provider_a_jwt_is_just_an_unknown_token()
    {
        await using var app = new TestApp();
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.As(Jwt("admin")).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_shown_once_stored_hashed_and_stop_working_when_revoked_or_expired()
    {
        await using var app = new TestApp();
        await World.LoadAsync(app);
        var issued = await (await app.Admin().PostAsJsonAsync("/api/v1/tokens", new { name = "HR system", role = "hr" })).ReadJsonAsync(HttpStatusCode.Created);
        var secret = issued.Str("token")!;
        var hr = app.As(secret);
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/v1/employees")).StatusCode);

        var listed = await (await app.Admin().GetAsync("/api/v1/tokens")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, listed);
        await using (var connection = await app.Database.OpenAsync())
        {
            var stored = string.Join("|", await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT token_hash FROM api_tokens"));
            Assert.DoesNotContain(secret, stored);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await app.Admin().DeleteAsync($"/api/v1/tokens/{issued.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hr.GetAsync("/api/v1/employees")).StatusCode);

        var expiring = await (await app.Admin().PostAsJsonAsync("/api/v1/tokens",
            new { name = "past", role = "hr", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) })).ReadJsonAsync(HttpStatusCode.BadRequest);
        Assert.True(expiring.GetProperty("errors").TryGetProperty("expiresAt", out _));
    }

    [Fact]
    public async Task Repeated_bad_tokens_from_one_address_are_slowed_down()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Hardening:FailedAuthenticationsPerMinute"] = "5" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await app.As($"wrong-{i}").GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task One_token_is_rate_limited_without_affecting_others()
    {
        await using var app = new TestApp(settings: new Dictionary<string, string?> { ["Hardening:RequestsPerMinute"] = "10" });
        var admin = app.Admin();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await admin.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_gets_security_headers_and_no_cross_origin_access()
    {
        await using var app = new TestApp();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Origin", "https://elsewhere.test");
        var response = await app.Admin().SendAsync(request);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
