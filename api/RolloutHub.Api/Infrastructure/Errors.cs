namespace RolloutHub.Api.Infrastructure;

/// <summary>Field errors of a JSON request: 400 problem details with an <c>errors</c> map.</summary>
public sealed class RequestValidationException(IDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// One error in a CSV file (SPEC §4: lines counted from 1, the header being line 1), with the
/// message in English. <c>Code</c> names what went wrong (<c>not-a-date</c>, <c>unknown-employee</c>…)
/// and <c>Args</c> the values the message quotes, so that a client can word it in its reader's language.
/// </summary>
public sealed record CsvLineError(long Line, string? Column, string Message)
{
    public string? Code { get; init; }
    public IReadOnlyDictionary<string, string>? Args { get; init; }

    public static CsvLineError Of(long line, string? column, string code, string message, params (string Name, string Value)[] args) =>
        new(line, column, message) { Code = code, Args = args.Length == 0 ? null : args.ToDictionary(a => a.Name, a => a.Value) };
}

/// <summary>An import with bad rows: 422 problem details listing every one.</summary>
public sealed class CsvValidationException(string detail, IReadOnlyList<CsvLineError> errors) : Exception(detail)
{
    public IReadOnlyList<CsvLineError> Errors { get; } = errors;
}

public sealed class NotFoundException(string entity, string key) : Exception($"{entity} '{key}' does not exist.");

public sealed class ForbiddenException(string message) : Exception(message);

public sealed class ConflictException(string message) : Exception(message);
