using nietras.SeparatedValues;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// ChatGPT Enterprise's user report (weekly or monthly CSV): one row per user and period, one
/// usage event per row with messages, dated the first day the user was active in the period
/// (else the period's start). Rows without messages (pending, idle users) are skipped. The
/// report's Python-dict cells (<c>{'gpt-5': 300}</c>) are quoted CSV like any other and ignored.
/// </summary>
public sealed class ChatGptEnterpriseParser : ISourceParser
{
    public string Source => "chatgpt-enterprise";
    public string Tool => "ChatGPT Enterprise";

    private static readonly SourceUseCase ChatGpt = new("chatgpt", "ChatGPT");
    private static readonly string[] Email = ["email"];
    private static readonly string[] PeriodStart = ["period_start"];
    private static readonly string[] Messages = ["messages"];
    private static readonly string[] FirstDay = ["first_day_active_in_period"];

    public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
    {
        using var csv = SourceCsv.Open(content, [Email, PeriodStart, Messages]);
        var row = new RowReader(csv, Source);
        while (csv.MoveNext())
        {
            var record = row.Read(csv.Current, errors);
            if (record is not null) yield return record;
        }
    }

    private sealed class RowReader(SourceCsv csv, string source)
    {
        private readonly int _email = csv.IndexOf(Email);
        private readonly int _periodStart = csv.IndexOf(PeriodStart);
        private readonly int _messages = csv.IndexOf(Messages);
        private readonly int _firstDay = csv.IndexOf(FirstDay);

        public SourceRecord? Read(SepReader.Row row, IList<CsvLineError> errors)
        {
            var line = (long)row.LineNumberFrom;
            var messagesCell = SourceCsv.Cell(row, _messages);
            if (!csv.TryNumber(messagesCell, out var messages))
            {
                SourceErrors.NotANumber(errors, line, csv.NameAt(_messages), messagesCell);
                return null;
            }
            // Pending and idle users have 0, or an empty cell in older exports.
            if (messages is not > 0) return SourceRecord.Skip(line);

            var ok = true;
            var email = SourceCsv.Cell(row, _email);
            if (email.IsEmpty) { SourceErrors.Missing(errors, line, csv.NameAt(_email)); ok = false; }

            var startCell = SourceCsv.Cell(row, _periodStart);
            if (!SourceDates.TryParseDate(startCell, dayFirst: false, out var periodStart))
            {
                SourceErrors.NotADate(errors, line, csv.NameAt(_periodStart), startCell, "YYYY-MM-DD");
                ok = false;
            }
            var occurredOn = periodStart;
            var firstCell = SourceCsv.Cell(row, _firstDay);
            if (!firstCell.IsEmpty && !SourceDates.TryParseDate(firstCell, dayFirst: false, out occurredOn))
            {
                SourceErrors.NotADate(errors, line, csv.NameAt(_firstDay), firstCell, "YYYY-MM-DD");
                ok = false;
            }
            if (!ok) return null;

            Span<char> buffer = stackalloc char[256];
            var id = new EventId(buffer);
            id.Part(source);
            id.Identifier(email);
            id.Date(periodStart);
            var uses = (int)Math.Min(int.MaxValue, Math.Max(1, Math.Floor(messages.Value)));
            return new SourceRecord(line, false, email.ToString(), SourceParsers.Email,
                [new SourceEvent(id.ToStringAndClear(), occurredOn, ChatGpt.Code, ChatGpt.Title, uses)]);
        }
    }
}
