using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace RolloutHub.Api.Features.Imports;

/// <summary>
/// The file of an import request (CSV imports and the AI tools' exports alike): the body itself,
/// or the first file of a multipart body, streamed and never buffered whole, within
/// <see cref="ImportOptions.MaxBytes"/>.
/// </summary>
public static class ImportBody
{
    /// <summary>Lets the parsers read synchronously and raises the size limit to the imports'; a 413 problem when the body is announced larger.</summary>
    public static IResult? Prepare(HttpRequest request, ImportOptions options)
    {
        var bodyControl = request.HttpContext.Features.Get<IHttpBodyControlFeature>();
        if (bodyControl is not null) bodyControl.AllowSynchronousIO = true;
        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false }) sizeLimit.MaxRequestBodySize = options.MaxBytes;
        return request.ContentLength > options.MaxBytes
            ? Results.Problem(statusCode: 413, title: "The file is too large.", detail: $"Imports are limited to {options.MaxBytes} bytes.")
            : null;
    }

    /// <summary>
    /// The file's stream and media type when the body's type is one of <paramref name="accepted"/> or
    /// multipart with a file; null for another type (415). A multipart file without a type of its own
    /// takes one from its name's extension.
    /// </summary>
    public static async Task<(Stream Content, string? MediaType)?> OpenAsync(HttpRequest request, IReadOnlyCollection<string> accepted, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)) return null;
        var mediaType = contentType.MediaType.Value?.ToLowerInvariant() ?? "";
        if (accepted.Contains(mediaType)) return (request.Body, mediaType);
        if (mediaType != "multipart/form-data") return null;

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return null;
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                    return (section.Body, FileMediaType(section.ContentType, disposition.FileName.Value ?? disposition.FileNameStar.Value));
            }
        }
        // A boundary that never comes, or section headers past the reader's limits.
        catch (Exception e) when (e is InvalidDataException or IOException && e is not BadHttpRequestException)
        {
            throw new BadHttpRequestException($"The multipart body is not valid: {e.Message}", StatusCodes.Status400BadRequest, e);
        }
        throw new BadHttpRequestException("The multipart body holds no file.");
    }

    // Browsers send a file's type from its extension, and often none for .ndjson: the name decides then.
    private static string? FileMediaType(string? sectionType, string? fileName)
    {
        var given = MediaTypeHeaderValue.TryParse(sectionType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (given is not (null or "" or "application/octet-stream")) return given;
        return Path.GetExtension(fileName?.Trim('"') ?? "").ToLowerInvariant() switch
        {
            ".csv" => "text/csv",
            ".tsv" or ".tab" => "text/tab-separated-values",
            ".json" => "application/json",
            ".ndjson" or ".jsonl" => "application/x-ndjson",
            _ => given,
        };
    }
}
