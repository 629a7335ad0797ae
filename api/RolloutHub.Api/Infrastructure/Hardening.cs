using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace RolloutHub.Api.Infrastructure;

public sealed class HardeningOptions
{
    /// <summary>Largest JSON body accepted (imports have their own limit, Imports:MaxBytes).</summary>
    public long MaxJsonBytes { get; set; } = 1024 * 1024;
    /// <summary>Requests per minute for one token (or one client address without a token).</summary>
    public int RequestsPerMinute { get; set; } = 1200;
    /// <summary>Failed sign-ins per minute from one client address before it is told to wait.</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 20;
    /// <summary>Origins allowed to call the API from a browser; none by default (the dashboard is same-origin).</summary>
    public string[] CorsOrigins { get; set; } = [];
}

/// <summary>Request size limits, rate limits, security headers and CORS (closed by default).</summary>
public static class Hardening
{
    public const string CorsPolicy = "configured-origins";

    public static IServiceCollection AddHardening(this IServiceCollection services)
    {
        services.AddOptions<HardeningOptions>().BindConfiguration("Hardening");
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<Microsoft.Extensions.Options.IOptions<HardeningOptions>>((cors, hardening) => cors.AddPolicy(CorsPolicy, p =>
            {
                if (hardening.Value.CorsOrigins.Length > 0) p.WithOrigins(hardening.Value.CorsOrigins).AllowAnyHeader().AllowAnyMethod();
            }));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await WriteProblemAsync(context.HttpContext, 429, "Too many requests.", "Slow down and retry after a minute.");
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HardeningOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
        });
        services.AddSingleton<FailedAuthentications>();
        return services;
    }

    /// <summary>The caller's token (hashed: the secret never sits in memory as a key) or, without one, its address.</summary>
    private static string ClientKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.Length > 0
            ? "t:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)))[..32]
            : "a:" + (context.Connection.RemoteIpAddress ?? IPAddress.Loopback);
    }

    public static WebApplication UseHardening(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var limits = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<HardeningOptions>>().Value;
            var size = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (size is { IsReadOnly: false }) size.MaxRequestBodySize = limits.MaxJsonBytes;
            if (!context.Request.Path.StartsWithSegments("/api/v1/imports") && context.Request.ContentLength > limits.MaxJsonBytes)
            {
                await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.",
                    $"JSON bodies are limited to {limits.MaxJsonBytes} bytes.");
                return;
            }
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            // The built dashboard loads only its own scripts and styles; Swagger UI needs inline styles and scripts.
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            await next();
        });
        app.UseCors(CorsPolicy);
        return app;
    }

    /// <summary>After authentication: a client address that keeps presenting bad tokens is told to wait (429).</summary>
    public static WebApplication UseFailedAuthenticationLimit(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var failures = context.RequestServices.GetRequiredService<FailedAuthentications>();
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var presentedToken = context.Request.Headers.Authorization.Count > 0;
            if (presentedToken && context.User.Identity?.IsAuthenticated != true)
            {
                if (!failures.TryRecord(address))
                {
                    context.Response.Headers.RetryAfter = "60";
                    await WriteProblemAsync(context, StatusCodes.Status429TooManyRequests, "Too many failed sign-ins.",
                        "Too many invalid tokens from this address; retry after a minute.");
                    return;
                }
            }
            await next();
        });
        return app;
    }

    /// <summary>Answers from middleware, before any endpoint runs, with problem details like every other error.</summary>
    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}

/// <summary>Counts failed authentications per client address in one-minute windows.</summary>
public sealed class FailedAuthentications(Microsoft.Extensions.Options.IOptions<HardeningOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.FailedAuthenticationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public bool TryRecord(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
