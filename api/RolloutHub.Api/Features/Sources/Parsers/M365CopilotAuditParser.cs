using System.Text;
using System.Text.Json;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// Microsoft Purview's audit search export (CSV): one usage event per CopilotInteraction row,
/// other operations skipped. The use case is the app Copilot was used in
/// (<c>AuditData.CopilotEventData.AppHost</c>), its uses the prompts of the interaction, and the
/// event id the audit record's id, so overlapping exports give the same events.
/// </summary>
public sealed class M365CopilotAuditParser : ISourceParser
{
    public string Source => "m365-copilot-audit";
    public string Tool => "Microsoft 365 Copilot";

    private static readonly string[] CreationDate = ["CreationDate"];
    private static readonly string[] UserId = ["UserId", "UserIds"];
    private static readonly string[] Operation = ["Operation", "Operations"];
    private static readonly string[] AuditData = ["AuditData"];
    private static readonly string[] RecordId = ["RecordId"];

    public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
    {
        using var csv = SourceCsv.Open(content, [CreationDate, UserId, Operation, AuditData]);
        var row = new RowReader(csv, Source);
        while (csv.MoveNext())
        {
            var record = row.Read(csv.Current, errors);
            if (record is not null) yield return record;
        }
    }

    private sealed class RowReader(SourceCsv csv, string source)
    {
        private readonly int _creationDate = csv.IndexOf(CreationDate);
        private readonly int _userId = csv.IndexOf(UserId);
        private readonly int _operation = csv.IndexOf(Operation);
        private readonly int _auditData = csv.IndexOf(AuditData);
        private readonly int _recordId = csv.IndexOf(RecordId);
        private readonly UseCaseCache _useCases = new("m365");
        private readonly SourceUseCase _noApp = new("m365-copilot", "Copilot");
        private byte[] _utf8 = new byte[4096];
        private readonly char[] _chars = new char[256];

        public SourceRecord? Read(nietras.SeparatedValues.SepReader.Row row, IList<CsvLineError> errors)
        {
            var line = (long)row.LineNumberFrom;
            if (!SourceCsv.Cell(row, _operation).Equals("CopilotInteraction", StringComparison.OrdinalIgnoreCase))
                return SourceRecord.Skip(line);

            var ok = true;
            var created = SourceCsv.Cell(row, _creationDate);
            if (!SourceDates.TryParseUtcDate(created, out var date))
            {
                SourceErrors.NotADate(errors, line, csv.NameAt(_creationDate), created, "ISO 8601 or M/D/YYYY H:MM AM");
                ok = false;
            }

            var audit = ReadAuditData(SourceCsv.Cell(row, _auditData));
            if (audit is null)
            {
                errors.Add(CsvLineError.Of(line, csv.NameAt(_auditData), CsvErrorCode.NotJson, "AuditData is not a JSON object."));
                return null;
            }

            var userCell = SourceCsv.Cell(row, _userId);
            var user = userCell.IsEmpty ? audit.Value.UserId : userCell.ToString();
            if (string.IsNullOrEmpty(user))
            {
                SourceErrors.Missing(errors, line, csv.NameAt(_userId));
                ok = false;
            }

            var recordCell = SourceCsv.Cell(row, _recordId);
            var id = recordCell.IsEmpty ? audit.Value.Id : recordCell.ToString();
            if (string.IsNullOrEmpty(id))
            {
                SourceErrors.Missing(errors, line, _recordId >= 0 ? csv.NameAt(_recordId) : "RecordId");
                ok = false;
            }
            if (!ok) return null;

            var useCase = audit.Value.AppHost ?? _noApp;
            var uses = Math.Max(1, audit.Value.Prompts);
            return new SourceRecord(line, false, user, SourceParsers.Email,
                [new SourceEvent(EventId.Of(source, id), date, useCase.Code, useCase.Title, uses)]);
        }

        private readonly record struct Audit(string? Id, string? UserId, SourceUseCase? AppHost, int Prompts);

        /// <summary>The few fields of AuditData the event needs; null when it is not a JSON object.</summary>
        private Audit? ReadAuditData(ReadOnlySpan<char> json)
        {
            if (json.IsEmpty) return null;
            var max = Encoding.UTF8.GetMaxByteCount(json.Length);
            if (_utf8.Length < max) _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
            var length = Encoding.UTF8.GetBytes(json, _utf8);
            try
            {
                return Parse(_utf8.AsSpan(0, length));
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private Audit? Parse(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? id = null, userId = null;
            SourceUseCase? appHost = null;
            var prompts = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (Json.NameIs(ref reader, "Id"u8)) { reader.Read(); id = Json.Text(ref reader); }
                else if (Json.NameIs(ref reader, "UserId"u8)) { reader.Read(); userId = Json.Text(ref reader); }
                else if (Json.NameIs(ref reader, "CopilotEventData"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (Json.NameIs(ref reader, "AppHost"u8))
                        {
                            reader.Read();
                            if (reader.TokenType == JsonTokenType.String)
                            {
                                var name = Json.Chars(ref reader, _chars).Trim();
                                if (!name.IsEmpty) appHost = _useCases.For(name);
                            }
                            else reader.Skip();
                        }
                        else if (Json.NameIs(ref reader, "Messages"u8))
                        {
                            reader.Read();
                            prompts = CountPrompts(ref reader);
                        }
                        else { reader.Read(); reader.Skip(); }
                    }
                }
                else { reader.Read(); reader.Skip(); }
            }
            return new Audit(id, userId, appHost, prompts);
        }

        private static int CountPrompts(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return 0; }
            var prompts = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isPrompt = Json.NameIs(ref reader, "isPrompt"u8);
                    reader.Read();
                    if (isPrompt && (reader.TokenType == JsonTokenType.True
                        || (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("true"u8))))
                        prompts++;
                    else reader.Skip();
                }
            }
            return prompts;
        }
    }
}
