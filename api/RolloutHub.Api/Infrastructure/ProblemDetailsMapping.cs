using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem details, from one place: known
/// exceptions map to their status; anything else is a 500 without internals.
/// </summary>
public sealed partial class ProblemDetailsMapping(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemDetailsMapping> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException e => new HttpValidationProblemDetails(e.Errors)
            {
                Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.",
            },
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } e when FieldOf(e) is { } field =>
                new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field.Name] = [field.Message] })
                {
                    Status = StatusCodes.Status400BadRequest, Title = "The request is not valid.", Detail = field.Message,
                },
            CsvValidationException e => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "The file has errors; nothing was imported.",
                Detail = e.Message, Extensions = { ["errors"] = e.Errors },
            },
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden.", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict.", e.Message),
            BadHttpRequestException e => Problem(e.StatusCode, "Bad request.", e.Message),
            JsonException e => Problem(StatusCodes.Status400BadRequest, "The request is not valid.", e.Message),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested =>
                Problem(499, "Client closed request.", null),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "An unexpected error occurred.",
                // The integration tests (environment "Testing") see the exception in the failure message.
                environment.IsDevelopment() || environment.IsEnvironment("Testing") ? exception.ToString() : "The error was logged; nothing was changed by this request.");
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string? detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>
    /// The one title of each status, whoever writes the problem (this handler, an endpoint's
    /// Results.Problem, or the status-code pages that turn an empty 401/403/404 into a problem),
    /// so that a client can rely on it. The detail says what happened.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> Titles = new Dictionary<int, string>
    {
        [StatusCodes.Status400BadRequest] = "The request is not valid.",
        [StatusCodes.Status401Unauthorized] = "Unauthorized.",
        [StatusCodes.Status403Forbidden] = "Forbidden.",
        [StatusCodes.Status404NotFound] = "Not found.",
        [StatusCodes.Status405MethodNotAllowed] = "Method not allowed.",
        [StatusCodes.Status409Conflict] = "Conflict.",
        [StatusCodes.Status413PayloadTooLarge] = "The request is too large.",
        [StatusCodes.Status415UnsupportedMediaType] = "Unsupported media type.",
        [StatusCodes.Status422UnprocessableEntity] = "The file has errors; nothing was imported.",
        [StatusCodes.Status429TooManyRequests] = "Too many requests.",
        [499] = "Client closed request.",
        [StatusCodes.Status500InternalServerError] = "An unexpected error occurred.",
        [StatusCodes.Status503ServiceUnavailable] = "Service unavailable.",
    };

    /// <summary>Sets the title of every problem answer from <see cref="Titles"/>.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Status is not { } status || !Titles.TryGetValue(status, out var title)) return;
        // A title the writer chose (e.g. "The file is too large.") says more: it becomes the detail.
        if (context.ProblemDetails.Detail is null && context.ProblemDetails.Title is { } chosen && chosen != title
            && !string.Equals(chosen, ReasonPhrases.GetReasonPhrase(status), StringComparison.OrdinalIgnoreCase))
            context.ProblemDetails.Detail = chosen;
        context.ProblemDetails.Title = title;
    }

    /// <summary>
    /// The field a body or parameter that could not be read names: System.Text.Json's path
    /// (<c>$.events[0].uses</c> becomes <c>events[0].uses</c>) or the query parameter that did not
    /// parse, with a message that says what was expected instead of .NET type names.
    /// </summary>
    private static (string Name, string Message)? FieldOf(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            var path = json.Path is null or "$" ? "" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path.TrimStart('$');
            return path.Length == 0
                ? ("body", "The body is not valid JSON, or not the object this request expects.")
                : (path, $"{path} has the wrong type or format (see the schema of this request).");
        }
        var bind = BindFailure().Match(e.Message);
        if (bind.Success)
            return (bind.Groups["name"].Value,
                $"{bind.Groups["name"].Value} cannot be '{bind.Groups["value"].Value}': {Friendly(bind.Groups["type"].Value)} is expected.");
        var missing = MissingParameter().Match(e.Message);
        if (missing.Success)
            return (missing.Groups["name"].Value, $"{missing.Groups["name"].Value} is required.");
        return null;
    }

    private static string Friendly(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "Int32" or "Int64" => "a whole number",
        "double" or "decimal" or "Double" or "Decimal" => "a number",
        "bool" or "Boolean" => "true or false",
        "DateOnly" => "a date written YYYY-MM-DD",
        var other => other,
    };

    // Minimal APIs' message: Failed to bind parameter "int? limit" from "abc".
    [GeneratedRegex("""^Failed to bind parameter "(?<type>\S+) (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial Regex BindFailure();

    // Minimal APIs' message: Required parameter "string departmentCode" was not provided from query string.
    [GeneratedRegex("""^Required parameter "(?<type>\S+) (?<name>\w+)" was not provided""")]
    private static partial Regex MissingParameter();
}
