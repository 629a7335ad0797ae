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
                if (ImportBody.Prepare(request, options.Value) is { } tooLarge) return tooLarge;
                var body = await ImportBody.OpenAsync(request, CsvTypes, cancellationToken);
                if (body is null)
                    return Results.Problem(statusCode: 415, title: "Unsupported media type.",
                        detail: "Send the CSV file as text/csv, or as multipart/form-data with one file.");
                var result = await mediator.Send(new RunImport(kind, body.Value.Content, dryRun ?? false), cancellationToken);
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

    private static readonly string[] CsvTypes = ["text/csv", "text/plain", "application/csv", "application/octet-stream"];
}
