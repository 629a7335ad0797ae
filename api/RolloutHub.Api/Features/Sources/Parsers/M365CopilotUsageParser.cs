using nietras.SeparatedValues;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// The Microsoft 365 Copilot usage report, user detail (admin centre or Graph CSV): a snapshot
/// with one last-activity date per app. Each app date inside the report's window (the
/// <c>Report Period</c> days ending on the <c>Report Refresh Date</c>) gives one use on that date;
/// the report's own all-apps <c>Last Activity Date</c> gives none. A UPN of 32 hexadecimal
/// characters is the report's privacy setting at work: such a record is flagged concealed.
/// </summary>
public sealed class M365CopilotUsageParser : ISourceParser
{
    public string Source => "m365-copilot-usage";
    public string Tool => "Microsoft 365 Copilot";

    /// <summary>The answer to a file whose every user is concealed, naming the setting to turn off.</summary>
    public const string ConcealedMessage =
        "Every user in this report is concealed (a 32-character hash instead of the user principal name), so nobody can be matched. " +
        "In the Microsoft 365 admin center, go to Settings > Org settings > Services > Reports, turn off " +
        "\"Display concealed user, group, and site names in all reports\", then export the report again.";

    private static readonly string[] RefreshDate = ["Report Refresh Date"];
    private static readonly string[] Upn = ["User Principal Name"];
    private static readonly string[] Period = ["Report Period"];
    private const string AppSuffix = " Copilot Last Activity Date";
    private const string ChatColumn = "Copilot Chat Last Activity Date";

    public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
    {
        using var csv = SourceCsv.Open(content, [RefreshDate, Upn, Period]);
        var row = new RowReader(csv, Source);
        while (csv.MoveNext())
        {
            var record = row.Read(csv.Current, errors);
            if (record is not null) yield return record;
        }
    }

    /// <summary>
    /// The app a column is the last-activity date of: <c>&lt;App&gt; Copilot Last Activity Date</c>
    /// (a leading "Microsoft " removed) or <c>Copilot Chat Last Activity Date</c>; null for others.
    /// </summary>
    public static string? AppOf(string column)
    {
        if (column.Equals(ChatColumn, StringComparison.OrdinalIgnoreCase)) return "Copilot Chat";
        if (!column.EndsWith(AppSuffix, StringComparison.OrdinalIgnoreCase)) return null;
        var app = column[..^AppSuffix.Length].Trim();
        if (app.StartsWith("Microsoft ", StringComparison.OrdinalIgnoreCase)) app = app["Microsoft ".Length..].Trim();
        return app.Length == 0 ? null : app;
    }

    /// <summary>A UPN of 32 hexadecimal characters: the report conceals who the user is.</summary>
    public static bool IsConcealed(ReadOnlySpan<char> upn) => upn.Length == 32 && !upn.ContainsAnyExcept(Hex);

    private static readonly System.Buffers.SearchValues<char> Hex =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private sealed class RowReader
    {
        private readonly SourceCsv _csv;
        private readonly string _source;
        private readonly int _refresh, _upn, _period;
        private readonly List<(int Index, SourceUseCase UseCase)> _apps = [];

        public RowReader(SourceCsv csv, string source)
        {
            _csv = csv;
            _source = source;
            _refresh = csv.IndexOf(RefreshDate);
            _upn = csv.IndexOf(Upn);
            _period = csv.IndexOf(Period);
            for (var i = 0; i < csv.Names.Count; i++)
            {
                var app = AppOf(csv.Names[i]);
                if (app is null) continue;
                var useCase = SourceUseCase.For("m365", app);
                if (_apps.All(a => a.UseCase.Code != useCase.Code)) _apps.Add((i, useCase));
            }
        }

        public SourceRecord? Read(SepReader.Row row, IList<CsvLineError> errors)
        {
            var line = (long)row.LineNumberFrom;
            var ok = true;
            var upn = SourceCsv.Cell(row, _upn);
            if (upn.IsEmpty) { SourceErrors.Missing(errors, line, _csv.NameAt(_upn)); ok = false; }

            var refreshCell = SourceCsv.Cell(row, _refresh);
            if (!SourceDates.TryParseDate(refreshCell, dayFirst: true, out var refresh))
            {
                SourceErrors.NotADate(errors, line, _csv.NameAt(_refresh), refreshCell, "YYYY-MM-DD or DD/MM/YYYY");
                ok = false;
            }

            var periodCell = SourceCsv.Cell(row, _period);
            if (!TryDays(periodCell, out var days))
            {
                SourceErrors.NotANumber(errors, line, _csv.NameAt(_period), periodCell);
                ok = false;
            }

            List<SourceEvent>? events = null;
            Span<char> buffer = stackalloc char[256];
            var windowStart = ok ? refresh.AddDays(-days) : default;
            foreach (var (index, useCase) in _apps)
            {
                var cell = SourceCsv.Cell(row, index);
                if (cell.IsEmpty) continue;
                if (!SourceDates.TryParseDate(cell, dayFirst: true, out var date))
                {
                    SourceErrors.NotADate(errors, line, _csv.NameAt(index), cell, "YYYY-MM-DD or DD/MM/YYYY");
                    ok = false;
                    continue;
                }
                // Per-app dates ignore the report's window: only those inside it are activity of this report.
                if (!ok || date <= windowStart || date > refresh) continue;
                var id = new EventId(buffer);
                id.Part(_source);
                id.Identifier(upn);
                id.Part(useCase.Code);
                id.Date(date);
                (events ??= []).Add(new SourceEvent(id.ToStringAndClear(), date, useCase.Code, useCase.Title, 1));
            }
            if (!ok) return null;
            return new SourceRecord(line, false, upn.ToString(), SourceParsers.Email, events ?? (IReadOnlyList<SourceEvent>)[])
            {
                Concealed = IsConcealed(upn),
            };
        }

        // Whole days; Graph's period names (D7, D28…) are read as their number.
        private static bool TryDays(ReadOnlySpan<char> cell, out int days)
        {
            if (cell.Length > 1 && cell[0] is 'D' or 'd') cell = cell[1..];
            return int.TryParse(cell, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out days)
                && days is > 0 and <= 100_000;
        }
    }
}
