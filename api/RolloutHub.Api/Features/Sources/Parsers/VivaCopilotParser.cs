using System.Text.RegularExpressions;
using nietras.SeparatedValues;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// A Viva Insights person query (CSV or TSV): one row per person and week (or day). Each
/// <c>Copilot actions taken in &lt;App&gt;</c> column with a value above 0 gives one usage event
/// for that app (the value, rounded down, at least 1); a query without such columns counts
/// <c>Total Copilot actions taken</c> as the app "Copilot". Viva weeks start on Sunday, so a
/// Sunday date moves to the Monday after it, inside the ISO week the activity belongs to.
/// </summary>
public sealed partial class VivaCopilotParser : ISourceParser
{
    public string Source => "viva-copilot";
    public string Tool => "Microsoft 365 Copilot";

    private static readonly string[] PersonId = ["PersonId"];
    private static readonly string[] MetricDate = ["MetricDate"];
    private const string AppPrefix = "copilot actions taken in ";
    private const string TotalColumn = "total copilot actions taken";

    public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
    {
        using var csv = SourceCsv.Open(content, [PersonId, MetricDate]);
        var row = new RowReader(csv, Source);
        while (csv.MoveNext())
        {
            var record = row.Read(csv.Current, errors);
            if (record is not null) yield return record;
        }
    }

    /// <summary>
    /// A metric name with its words separated by spaces or '_' (the R and Python exports'
    /// cleaned names), as words separated by one space.
    /// </summary>
    public static string Words(string column) => Spaces().Replace(column.Replace('_', ' '), " ").Trim();

    /// <summary>The app of a <c>Copilot actions taken in &lt;App&gt;</c> column, or null.</summary>
    public static string? AppOf(string column)
    {
        var words = Words(column);
        return words.StartsWith(AppPrefix, StringComparison.OrdinalIgnoreCase) && words.Length > AppPrefix.Length
            ? words[AppPrefix.Length..]
            : null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private sealed class RowReader
    {
        private readonly SourceCsv _csv;
        private readonly string _source;
        private readonly int _person, _date;
        private readonly List<(int Index, SourceUseCase UseCase)> _apps = [];

        public RowReader(SourceCsv csv, string source)
        {
            _csv = csv;
            _source = source;
            _person = csv.IndexOf(PersonId);
            _date = csv.IndexOf(MetricDate);
            for (var i = 0; i < csv.Names.Count; i++)
            {
                var app = AppOf(csv.Names[i]);
                if (app is null) continue;
                var useCase = SourceUseCase.For("m365", app);
                if (_apps.All(a => a.UseCase.Code != useCase.Code)) _apps.Add((i, useCase));
            }
            if (_apps.Count == 0)
            {
                var total = csv.Names.ToList().FindIndex(n => Words(n).Equals(TotalColumn, StringComparison.OrdinalIgnoreCase));
                if (total >= 0) _apps.Add((total, SourceUseCase.For("m365", "Copilot")));
            }
        }

        public SourceRecord? Read(SepReader.Row row, IList<CsvLineError> errors)
        {
            var line = (long)row.LineNumberFrom;
            var ok = true;
            var person = SourceCsv.Cell(row, _person);
            if (person.IsEmpty) { SourceErrors.Missing(errors, line, _csv.NameAt(_person)); ok = false; }

            var dateCell = SourceCsv.Cell(row, _date);
            if (!SourceDates.TryParseDate(dateCell, dayFirst: true, out var metricDate))
            {
                SourceErrors.NotADate(errors, line, _csv.NameAt(_date), dateCell, "YYYY-MM-DD or DD/MM/YYYY");
                ok = false;
            }
            var occurredOn = metricDate.DayOfWeek == DayOfWeek.Sunday ? metricDate.AddDays(1) : metricDate;

            List<SourceEvent>? events = null;
            Span<char> buffer = stackalloc char[256];
            foreach (var (index, useCase) in _apps)
            {
                var cell = SourceCsv.Cell(row, index);
                if (!_csv.TryNumber(cell, out var value))
                {
                    SourceErrors.NotANumber(errors, line, _csv.NameAt(index), cell);
                    ok = false;
                    continue;
                }
                if (!ok || value is not > 0) continue;
                var id = new EventId(buffer);
                id.Part(_source);
                id.Identifier(person);
                id.Date(metricDate);
                id.Part(useCase.Code);
                var uses = (int)Math.Min(int.MaxValue, Math.Max(1, Math.Floor(value.Value)));
                (events ??= []).Add(new SourceEvent(id.ToStringAndClear(), occurredOn, useCase.Code, useCase.Title, uses));
            }
            if (!ok) return null;
            return new SourceRecord(line, false, person.ToString(), SourceParsers.Viva, events ?? (IReadOnlyList<SourceEvent>)[]);
        }
    }
}
