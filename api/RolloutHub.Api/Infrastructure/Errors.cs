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
/// One error in a file (lines counted from 1, the header being line 1), with the message in
/// English. <c>Code</c> names what went wrong (one of <see cref="CsvErrorCode"/>, written
/// <c>not-a-date</c>, <c>unknown-employee</c>…) and <c>Args</c> the values the message quotes, so
/// that a client words it in its reader's language.
/// </summary>
public sealed record CsvLineError(long Line, string? Column, string Message)
{
    public string? Code { get; init; }
    public IReadOnlyDictionary<string, string>? Args { get; init; }

    public static CsvLineError Of(long line, string? column, CsvErrorCode code, string message, params (string Name, string Value)[] args) =>
        new(line, column, message) { Code = CsvErrorCodes.Text(code), Args = args.Length == 0 ? null : args.ToDictionary(a => a.Name, a => a.Value) };
}

/// <summary>
/// Every error a file import (CSV or a tool's export) can report, written in kebab case in the
/// answers (<c>NotADate</c> is <c>not-a-date</c>). The dashboard has a message for each in both
/// languages; a test holds its list (web/src/lib/i18n/api-codes.json) to this one.
/// </summary>
public enum CsvErrorCode
{
    EmptyFile,
    UnreadableHeader,
    BadSeparator,
    UnknownColumn,
    DuplicateColumn,
    MissingColumn,
    Required,
    TooLong,
    InvisibleCharacter,
    NotADate,
    NotANumber,
    NotANumberDecimalComma,
    OutOfRange,
    NotAWholeNumber,
    NotYesNo,
    NotOneOf,
    LeftBeforeJoined,
    NotAnEmail,
    DuplicateEmail,
    TooManyDecimals,
    UnclosedQuote,
    LineTooLong,
    WrongWidth,
    NotUtf8,
    UnknownDepartment,
    UnknownEmployee,
    UnknownUseCase,
    UnknownBudgetLine,
    DuplicateKey,
    NotJson,
    MissingField,
    MissingValue,
    ConcealedUsers,
    DuplicateEvent,
}

public static class CsvErrorCodes
{
    /// <summary>The code as answered: <c>NotADate</c> → <c>not-a-date</c>.</summary>
    public static string Text(CsvErrorCode code)
    {
        var name = code.ToString();
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    public static IReadOnlyList<string> All => Enum.GetValues<CsvErrorCode>().Select(Text).ToList();
}

/// <summary>An import with bad rows: 422 problem details listing every one.</summary>
public sealed class CsvValidationException(string detail, IReadOnlyList<CsvLineError> errors) : Exception(detail)
{
    public IReadOnlyList<CsvLineError> Errors { get; } = errors;
}

public sealed class NotFoundException(string entity, string key) : Exception($"{entity} '{key}' does not exist.");

public sealed class ForbiddenException(string message) : Exception(message);

public sealed class ConflictException(string message) : Exception(message);
