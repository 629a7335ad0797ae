using MediatR;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RolloutHub.Api.Auth;
using RolloutHub.Api.Features.Imports;
using RolloutHub.Api.Features.Sources.Parsers;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources;

public static class SourceEndpoints
{
    private static readonly string[] BodyTypes =
        ["text/csv", "text/tab-separated-values", "application/json", "application/x-ndjson", "multipart/form-data"];

    public static RouteGroupBuilder MapSources(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/sources/{source}", async (string source, bool? dryRun, bool? seats, HttpRequest request, IMediator mediator,
                IOptions<ImportOptions> options, CancellationToken cancellationToken) =>
            {
                if (SourceParsers.Find(source) is null)
                    return Results.Problem(statusCode: 404, title: "Not found.",
                        detail: $"Source '{source}' does not exist; the sources are {string.Join(", ", SourceParsers.All.Select(p => p.Source))}.");
                if (ImportBody.Prepare(request, options.Value) is { } tooLarge) return tooLarge;

                var body = await ImportBody.OpenAsync(request, FileTypes, cancellationToken);
                if (body is null)
                    return Results.Problem(statusCode: 415, title: "Unsupported media type.",
                        detail: $"Send the file as exported, as one of {string.Join(", ", BodyTypes)} (with one file).");
                var result = await mediator.Send(
                    new RunSourceImport(source, body.Value.Content, body.Value.MediaType, dryRun ?? false, seats ?? false), cancellationToken);
                return TypedResults.Ok(result);
            })
            .WithTags("Imports")
            .RequireAuthorization(Policies.ImportSources)
            .Accepts<string>("text/csv", BodyTypes[1..])
            .Produces<SourceImportResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Import an AI tool's export as it was exported (all or nothing)")
            .WithDescription("""
                `source` is one of `m365-copilot-audit` (Purview audit search CSV), `m365-copilot-usage` (Microsoft 365
                Copilot usage report, user detail CSV), `github-copilot` (usage metrics, user-level records: NDJSON, a JSON
                array or an object whose `day_totals` holds them), `chatgpt-enterprise` (user report CSV) and `viva-copilot`
                (Viva Insights person query, CSV or TSV). The body is the file (`text/csv`, `text/tab-separated-values`,
                `application/json`, `application/x-ndjson`, or `multipart/form-data` with one file).

                Each row or record gives zero or more usage events with a stable `event_id` (`<source>:…`), so importing
                the same file twice, or two overlapping exports, reports the overlap `unchanged`. A row of another kind
                or without activity is `skipped`. A row whose user matches no employee (by e-mail, or by an identity of the
                source's system: `email`, `github`, `viva`; without case and surrounding spaces) is not an error: its
                users are counted in `unmatchedUsers`, the first 20 (lowercased, sorted) in `unmatchedSample`; add
                identities and import the file again. Use cases the events name are created when missing (category
                `tool`, status `production`, 0 minutes saved per use, the source's tool); existing ones are not changed.

                A missing column or an unreadable date, number or JSON gives 422 with `errors: [{ line, column, message }]`
                and nothing is written; so does a usage report whose every user name is concealed. Champions may import
                only files whose matched employees are all in their departments (403 otherwise). `dryRun=true` answers
                exactly what the import would and writes nothing. `seats=true` (usage report only, 400 otherwise) gives
                every matched employee a licence seat; nobody loses one. Example answer:

                    { "source": "github-copilot", "rowsRead": 1200, "skipped": 40, "unmatchedUsers": 2,
                      "unmatchedSample": ["octo-bot", "old-login"], "inserted": 1530, "updated": 0, "unchanged": 12,
                      "firstDate": "2026-01-05", "lastDate": "2026-02-01", "dryRun": false, "warnings": [] }
                """);

        api.MapGet("/sources", async (HttpRequest request, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var sources = await mediator.Send(new ListSources(), cancellationToken);
                return CsvOutput.Negotiate(request, new Page<SourceFreshness>(sources, null), "sources");
            })
            .WithTags("Sources")
            .RequireAuthorization(Policies.ReadDashboards)
            .Produces<Page<SourceFreshness>>(contentType: "application/json", additionalContentTypes: "text/csv")
            .WithSummary("How fresh each AI tool's data is")
            .WithDescription("""
                One item per source that has had at least one successful (not dry-run) import, ordered by source:
                `lastImportAt`, the first and last dates of the usage events it holds (`firstDate`, `lastDate`), how many
                (`events`), and `unmatchedUsers` of its last import. `Accept: text/csv` answers CSV. Example:

                    { "items": [ { "source": "github-copilot", "tool": "GitHub Copilot", "lastImportAt": "2026-02-03T08:00:00.0000000Z",
                      "firstDate": "2026-01-05", "lastDate": "2026-02-01", "events": 1542, "unmatchedUsers": 2 } ], "nextCursor": null }
                """);
        return api;
    }

    private static readonly string[] FileTypes =
    [
        "text/csv", "text/tab-separated-values", "application/json", "application/x-ndjson",
        "application/jsonl", "application/ndjson", "text/plain", "application/csv", "application/octet-stream",
    ];
}
