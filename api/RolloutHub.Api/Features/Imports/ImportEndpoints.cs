using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Imports;

public sealed class ImportOptions
{
    /// <summary>Largest import body accepted, in bytes (default 512 MiB).</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;
}

public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports").RequireAuthorization(Policies.Import);

        group.MapPost("/{kind}", async (string kind, bool? dryRun, HttpRequest request, IMediator mediator,
                Microsoft.Extensions.Options.IOptions<ImportOptions> options, CancellationToken cancellationToken) =>
            {
                // The CSV parser reads synchronously, row by row, from the request stream.
                var bodyControl = request.HttpContext.Features.Get<IHttpBodyControlFeature>();
                if (bodyControl is not null) bodyControl.AllowSynchronousIO = true;
                var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = options.Value.MaxBytes;
                if (request.ContentLength > options.Value.MaxBytes)
                    return Results.Problem(statusCode: 413, title: "The file is too large.",
                        detail: $"Imports are limited to {options.Value.MaxBytes} bytes.");

                var body = await OpenCsvBodyAsync(request, cancellationToken);
                if (body is null)
                    return Results.Problem(statusCode: 415, title: "Unsupported media type.",
                        detail: "Send the CSV file as text/csv, or as multipart/form-data with one file.");
                var result = await mediator.Send(new RunImport(kind, body, dryRun ?? false), cancellationToken);
                return TypedResults.Ok(result);
            })
            .Accepts<string>("text/csv", "multipart/form-data")
            .Produces<ImportResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Import a CSV file (all or nothing)")
            .WithDescription("""
                `kind` is one of departments, employees, use-cases, usage-events, outcomes, trainings, spend, identities
                (`employee_key`, `system`, `external_id`: who an employee is in another tool, e.g. system `github`).
                The body is the CSV file (`text/csv`, or `multipart/form-data` with one file). The first line is a
                header; columns may come in any order; unknown columns are warnings. Separator `,` or `;`; dates
                `YYYY-MM-DD` or `DD/MM/YYYY`; decimal comma with `;`. When any row is invalid the answer is 422 with
                `errors: [{ line, column, message }]` (the header is line 1) and nothing is written; so is a line (or a
                quoted value left open) longer than 1,048,576 characters. A body that cannot be read (a broken multipart
                boundary) is a 400, a file over `Imports:MaxBytes` a 413. Rows are upserted
                by key, so importing the same file twice reports everything `unchanged`. `dryRun=true` answers exactly
                what the import would and writes nothing. Example (usage-events):

                    event_id;occurred_on;employee_key;use_case_code;uses;minutes_saved
                    ev-1;05/01/2026;E0001;MAIL-DRAFT;3;12,5
                """);
        return group;
    }

    /// <summary>The CSV stream of a text/csv body or of the first file of a multipart body, never buffered whole.</summary>
    private static async Task<Stream?> OpenCsvBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)) return null;
        var mediaType = contentType.MediaType.Value ?? "";
        if (mediaType is "text/csv" or "text/plain" or "application/csv" or "application/octet-stream")
            return request.Body;
        if (mediaType != "multipart/form-data") return null;

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition())
                    return section.Body;
            }
        }
        // A boundary that never comes, or section headers past the reader's limits.
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw new BadHttpRequestException($"The multipart body is not valid: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
        throw new BadHttpRequestException("The multipart body holds no file.");
    }
}
