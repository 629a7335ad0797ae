using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// The built dashboard (web/dist) served at /, from <c>Dashboard:Path</c> or else the first
/// web/dist found above the content root. The build writes a Brotli and a gzip copy beside each
/// script and style sheet (web/scripts/compress-dist.mjs); a browser that accepts one gets it
/// (a third of the bytes or less), and the hashed files under /assets/ are cached for a year.
/// </summary>
public static class DashboardHosting
{
    private static readonly (string Encoding, string Suffix)[] Precompressed = [("br", ".br"), ("gzip", ".gz")];

    public static IServiceCollection AddDashboard(this IServiceCollection services) =>
        services.Configure<RouteOptions>(o => o.ConstraintMap[DashboardRoute.Name] = typeof(DashboardRoute));

    public static WebApplication UseDashboardFiles(this WebApplication app)
    {
        var folder = DashboardFolder(app);
        if (folder is null) return app;
        var files = new PhysicalFileProvider(folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.Use((context, next) =>
        {
            ServePrecompressed(context, files);
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new PrecompressedContentTypes(),
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                // Vite names every file under assets/ after a hash of its content: it never changes.
                headers.CacheControl = file.Context.Request.Path.StartsWithSegments("/assets")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                if (!string.IsNullOrEmpty(headers.ContentEncoding)) headers.Vary = HeaderNames.AcceptEncoding;
            },
        });
        return app;
    }

    public static WebApplication MapDashboardFallback(this WebApplication app)
    {
        var folder = DashboardFolder(app);
        if (folder is null)
        {
            // Without this, / falls to the authorisation policy and answers a puzzling 401.
            app.MapGet("/", () => Results.Problem(statusCode: StatusCodes.Status404NotFound,
                    title: "The dashboard is not built.",
                    detail: "The dashboard is not built. Run `make run` (it builds it), or `cd web && npm ci && npm run build`, then restart " +
                            "(or set Dashboard:Path to a built web/dist). The API answers under /api/v1; its documentation is at /swagger."))
                .AllowAnonymous().ExcludeFromDescription();
            return app;
        }
        // Client-side routes (/waves/W1 …) load the app, which then routes itself; unknown API
        // paths stay 404 problems instead of answering with the app's HTML.
        app.MapFallbackToFile("{*path:" + DashboardRoute.Name + "}", "index.html", new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder) })
            .AllowAnonymous();
        return app;
    }

    /// <summary>Points the request at the file's Brotli or gzip copy when the browser accepts it and the build wrote one.</summary>
    private static void ServePrecompressed(HttpContext context, IFileProvider files)
    {
        var request = context.Request;
        // Only files have copies: API calls and client-side routes (no extension) skip the lookups.
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !Path.HasExtension(request.Path.Value)) return;
        var accepted = request.GetTypedHeaders().AcceptEncoding;
        foreach (var (encoding, suffix) in Precompressed)
        {
            if (!accepted.Any(e => e.Value.Equals(encoding, StringComparison.OrdinalIgnoreCase) && e.Quality is not 0)) continue;
            var copy = request.Path.Value + suffix;
            if (!files.GetFileInfo(copy).Exists) continue;
            request.Path = copy;
            context.Response.Headers.ContentEncoding = encoding;
            return;
        }
    }

    /// <summary>A copy's type is its original's: app.js.br is JavaScript.</summary>
    private sealed class PrecompressedContentTypes : IContentTypeProvider
    {
        private readonly FileExtensionContentTypeProvider _types = new();

        public bool TryGetContentType(string subpath, out string contentType)
        {
            foreach (var (_, suffix) in Precompressed)
                if (subpath.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    return _types.TryGetContentType(subpath[..^suffix.Length], out contentType!);
            return _types.TryGetContentType(subpath, out contentType!);
        }
    }

    private static string? DashboardFolder(WebApplication app)
    {
        var configured = app.Configuration["Dashboard:Path"];
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        for (var dir = new DirectoryInfo(app.Environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "web", "dist");
            if (File.Exists(Path.Combine(candidate, "index.html"))) return candidate;
        }
        return null;
    }
}

/// <summary>Matches the dashboard's client-side routes: not the API, health, OpenAPI or Swagger, and not files.</summary>
public sealed class DashboardRoute : IRouteConstraint
{
    public const string Name = "dashboard";
    private static readonly string[] ServerPrefixes = ["api", "health", "openapi", "swagger"];

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        var path = values[routeKey]?.ToString() ?? "";
        var first = path.Split('/', 2)[0];
        return !ServerPrefixes.Contains(first, StringComparer.OrdinalIgnoreCase) && !Path.HasExtension(path);
    }
}

