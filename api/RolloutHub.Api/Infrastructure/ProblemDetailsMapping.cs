using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// Every error leaves as RFC 9457 problem details (SPEC §4), from one place: known
/// exceptions map to their status; anything else is a 500 without internals.
/// </summary>
public sealed class ProblemDetailsMapping(IProblemDetailsService problems, IHostEnvironment environment, ILogger<ProblemDetailsMapping> logger)
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
            CsvValidationException e => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity, Title = "The file has errors; nothing was imported.",
                Detail = e.Message, Extensions = { ["errors"] = e.Errors },
            },
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found.", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden.", e.Message),
            ConflictException e => Problem(StatusCodes.Status409Conflict, "Conflict.", e.Message),
            BadHttpRequestException e => Problem(e.StatusCode, "Bad request.", e.Message),
            JsonException e => Problem(StatusCodes.Status400BadRequest, "The JSON body is not valid.", e.Message),
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
}
