using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using nietras.SeparatedValues;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// List endpoints answer <c>Accept: text/csv</c> with CSV. Columns are the JSON
/// property names of the item record; lists inside an item are joined with '|'.
/// </summary>
public static class CsvOutput
{
    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("text/csv", StringComparison.OrdinalIgnoreCase));

    /// <summary>JSON as usual, or CSV of the items when the client asks for it.</summary>
    public static IResult Negotiate<T>(HttpRequest request, Page<T> page, string fileName)
    {
        if (!Wanted(request)) return TypedResults.Ok(page);
        if (page.NextCursor is not null) request.HttpContext.Response.Headers["X-Next-Cursor"] = page.NextCursor;
        return Csv(page.Items, fileName);
    }

    public static IResult Negotiate<T>(HttpRequest request, IReadOnlyList<T> items, object json, string fileName) =>
        Wanted(request) ? Csv(items, fileName) : TypedResults.Ok(json);

    public static IResult Csv<T>(IEnumerable<T> items, string fileName) => new CsvFileResult(Write(items), fileName);

    public static string Write<T>(IEnumerable<T> items)
    {
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var names = properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();
        using var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToText();
        foreach (var item in items)
        {
            using var row = writer.NewRow();
            for (var i = 0; i < properties.Length; i++)
            {
                var value = properties[i].GetValue(item);
                var text = Format(value);
                row[names[i]].Set(value is string or IEnumerable ? Neutralise(text) : text);
            }
        }
        if (names.Length > 0 && writer.ToString().Length == 0) return string.Join(',', names) + "\n";
        return writer.ToString();
    }

    /// <summary>
    /// A text cell that a spreadsheet would read as a formula (<c>=HYPERLINK(…)</c>, <c>+SUM(…)</c>,
    /// <c>@cmd</c>…) gets a leading single quote, as OWASP advises for CSV injection: anyone can
    /// plant such a value (a use-case title, an outcome note) for a reader who opens the export.
    /// Numbers are formatted apart and never pass here, so a negative figure stays a number.
    /// </summary>
    public static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => string.Join('|', e.Cast<object?>().Select(Format)),
        _ => value.ToString() ?? "",
    };

    private sealed class CsvFileResult(string content, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/csv; charset=utf-8";
            httpContext.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.csv\"";
            return httpContext.Response.WriteAsync(content);
        }
    }
}
