using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace RolloutHub.Api.Auth;

/// <summary>
/// In production, bearer tokens may be JWTs from the organisation's identity provider.
/// Configured under <c>Auth:Jwt</c>: Authority (OpenID metadata) or SigningKey (symmetric, for
/// simple set-ups and tests), Issuer, Audience, and the claims holding the role and the
/// champion's departments.
/// </summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }
    public string? SigningKey { get; set; }
    public string? Issuer { get; set; }
    public string? Audience { get; set; }
    public string RoleClaim { get; set; } = "role";
    public string DepartmentsClaim { get; set; } = "departments";
    public string NameClaim { get; set; } = "name";

    public bool Enabled => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(SigningKey);
}

/// <summary>
/// Without an audience, a token the same provider minted for any other application would be
/// accepted; without an issuer, one from any provider sharing the key. So both are required as
/// soon as the identity provider is on, and the service refuses to start without them.
/// </summary>
public sealed class JwtOptionsValidation : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer))
            missing.Add("Set Auth:Jwt:Issuer (the identity provider's issuer) when Auth:Jwt:Authority or Auth:Jwt:SigningKey is configured.");
        if (string.IsNullOrWhiteSpace(options.Audience))
            missing.Add("Set Auth:Jwt:Audience (the audience the identity provider writes in RolloutHub's tokens) when Auth:Jwt:Authority or Auth:Jwt:SigningKey is configured.");
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}

public static class IdentityProvider
{
    public const string JwtScheme = "IdentityProviderJwt";
    public const string SelectorScheme = "Bearer";

    public static AuthenticationBuilder AddIdentityProvider(this AuthenticationBuilder builder)
    {
        builder.Services.AddOptions<JwtOptions>().BindConfiguration("Auth:Jwt").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidation>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<IOptions<JwtOptions>>((o, jwtOptions) =>
        {
            var jwt = jwtOptions.Value;
            o.MapInboundClaims = false;
            if (!string.IsNullOrEmpty(jwt.Authority)) o.Authority = jwt.Authority;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true, ValidIssuer = jwt.Issuer,
                ValidateAudience = true, ValidAudience = jwt.Audience,
                ValidateLifetime = true, ClockSkew = TimeSpan.FromMinutes(1),
                IssuerSigningKey = string.IsNullOrEmpty(jwt.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
                NameClaimType = jwt.NameClaim, RoleClaimType = ClaimTypes.Role,
            };
            o.Events = new JwtBearerEvents { OnTokenValidated = context => MapClaims(context, jwt) };
        });
        builder.AddJwtBearer(JwtScheme, _ => { });
        // One "Bearer" scheme that hands JWTs to the identity provider when it is configured,
        // and everything else to RolloutHub's own tokens.
        builder.AddPolicyScheme(SelectorScheme, "RolloutHub or identity provider", o => o.ForwardDefaultSelector = context =>
        {
            var jwt = context.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value;
            var header = context.Request.Headers.Authorization.ToString();
            var looksLikeJwt = header.StartsWith("Bearer ey", StringComparison.Ordinal) && header.Count(c => c == '.') == 2;
            return jwt.Enabled && looksLikeJwt ? JwtScheme : BearerTokenHandler.SchemeName;
        });
        return builder;
    }

    private static Task MapClaims(TokenValidatedContext context, JwtOptions jwt)
    {
        var principal = context.Principal!;
        var role = principal.FindFirst(jwt.RoleClaim)?.Value?.ToLowerInvariant();
        if (role is null || !Roles.All.Contains(role))
        {
            context.Fail($"The token's '{jwt.RoleClaim}' claim must be one of {string.Join(", ", Roles.All)}.");
            return Task.CompletedTask;
        }
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.FindFirst("sub")?.Value ?? "unknown"),
            new(ClaimTypes.Name, principal.FindFirst(jwt.NameClaim)?.Value ?? principal.FindFirst("sub")?.Value ?? "unknown"),
            new(ClaimTypes.Role, role),
        };
        // Departments arrive as repeated claims (a JSON array) or as one space- or comma-separated value.
        claims.AddRange(principal.FindAll(jwt.DepartmentsClaim)
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct()
            .Select(code => new Claim(CurrentUser.DepartmentClaim, code)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, JwtScheme, ClaimTypes.Name, ClaimTypes.Role));
        return Task.CompletedTask;
    }
}
