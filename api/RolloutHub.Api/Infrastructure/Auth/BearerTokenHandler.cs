using System.Security.Claims;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RolloutHub.Api.Data;

namespace RolloutHub.Api.Auth;

public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    /// <summary><c>ROLLOUTHUB_ADMIN_TOKEN</c>, a bootstrap admin token.</summary>
    public string? BootstrapAdminToken { get; set; }
}

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> tokens issued by RolloutHub: the bootstrap
/// admin token, or a token whose hash is in <c>api_tokens</c>, not revoked nor expired.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder, Db db)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "RolloutHubToken";

    private sealed record StoredToken(string Id, string Name, string Role, string DepartmentCodes);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 512) return AuthenticateResult.Fail("Malformed bearer token.");

        var bootstrap = Options.BootstrapAdminToken;
        if (!string.IsNullOrEmpty(bootstrap) && TokenHasher.FixedTimeEquals(secret, bootstrap))
            return Success("bootstrap", "bootstrap-admin", Roles.Admin, []);

        await using var connection = await db.OpenAsync(Context.RequestAborted);
        // The lookup is by hash: an index seek on a value derived from the secret, which
        // gives nothing away about other tokens' secrets.
        var token = await connection.QuerySingleOrDefaultAsync<StoredToken>("""
            SELECT id, name, role, department_codes AS departmentCodes FROM api_tokens
            WHERE token_hash = @hash AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @now)
            """, new { hash = TokenHasher.Hash(secret), now = DateTimeOffset.UtcNow });
        if (token is null) return AuthenticateResult.Fail("Unknown, revoked or expired token.");
        return Success(token.Id, token.Name, token.Role,
            token.DepartmentCodes.Split('|', StringSplitOptions.RemoveEmptyEntries));
    }

    private AuthenticateResult Success(string id, string name, string role, IEnumerable<string> departmentCodes)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, id), new(ClaimTypes.Name, name), new(ClaimTypes.Role, role),
        };
        claims.AddRange(departmentCodes.Select(code => new Claim(CurrentUser.DepartmentClaim, code)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
