using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// Gzip for JSON (and CSV) answers when the client asks for it, as browsers do: a year of
/// department series or a page of events shrinks ten to twenty times. The fastest level, since
/// the API shares a small machine with its database. The KPI reads keep their own gzipped copy
/// and set Content-Encoding themselves, which this middleware leaves alone; the dashboard's
/// files are precompressed at build time.
/// </summary>
public static class JsonCompression
{
    public static IServiceCollection AddJsonCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["application/json", "application/problem+json", "text/csv"];
        });
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseJsonCompression(this IApplicationBuilder app) => app.UseResponseCompression();
}
