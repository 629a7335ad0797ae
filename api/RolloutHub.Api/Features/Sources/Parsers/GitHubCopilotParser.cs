using System.Globalization;
using System.Text;
using System.Text.Json;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

/// <summary>
/// GitHub Copilot's usage metrics, user-level records (one per user and day): NDJSON as
/// downloaded, a JSON array, or a JSON object whose <c>day_totals</c> array holds them, all read
/// as a stream. Each feature of <c>totals_by_feature</c> with any activity gives one usage event;
/// a record without features counts as the feature "copilot". Uses are the user's own
/// interactions plus accepted suggestions, at least 1 (generated code alone is activity too).
/// </summary>
public sealed class GitHubCopilotParser : ISourceParser
{
    public string Source => "github-copilot";
    public string Tool => "GitHub Copilot";

    public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
    {
        var records = JsonRecords.Open(content, "day_totals", errors);
        var reader = new RecordReader(Source);
        while (records.MoveNext())
        {
            var record = reader.Read(records.Current, records.Position, errors);
            if (record is not null) yield return record;
        }
    }

    private struct Activity
    {
        public long Interactions, Generations, Acceptances;

        public readonly bool Any => Interactions + Generations + Acceptances > 0;
        public readonly int Uses => (int)Math.Clamp(Interactions + Acceptances, 1, int.MaxValue);
    }

    private sealed class RecordReader(string source)
    {
        private readonly UseCaseCache _useCases = new("github");
        private readonly SourceUseCase _noFeature = SourceUseCase.For("github", "copilot");
        private readonly List<(SourceUseCase UseCase, Activity Activity)> _features = [];
        private readonly char[] _chars = new char[256];

        public SourceRecord? Read(ReadOnlySpan<byte> json, long position, IList<CsvLineError> errors)
        {
            try
            {
                return Parse(json, position, errors);
            }
            catch (JsonException)
            {
                errors.Add(CsvLineError.Of(position, null, CsvErrorCode.NotJson, "The record is not valid JSON."));
                return null;
            }
        }

        private SourceRecord? Parse(ReadOnlySpan<byte> json, long position, IList<CsvLineError> errors)
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                errors.Add(CsvLineError.Of(position, null, CsvErrorCode.NotJson, "A record must be a JSON object."));
                return null;
            }
            _features.Clear();
            var ok = true;
            var hasLogin = false;
            var hasDay = false;
            string? login = null;
            DateOnly day = default;
            var total = new Activity();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("user_login"u8))
                {
                    hasLogin = true;
                    reader.Read();
                    login = Json.Text(ref reader)?.Trim();
                }
                else if (reader.ValueTextEquals("day"u8))
                {
                    hasDay = true;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped
                        || !SourceDates.TryParseDate(reader.ValueSpan, out day))
                    {
                        var text = Json.Text(ref reader) ?? reader.TokenType.ToString();
                        SourceErrors.NotADate(errors, position, "day", text, "YYYY-MM-DD");
                        ok = false;
                    }
                }
                else if (reader.ValueTextEquals("totals_by_feature"u8))
                {
                    reader.Read();
                    ok &= ReadFeatures(ref reader, position, errors);
                }
                else if (!ReadCount(ref reader, ref total, "", position, errors, ref ok))
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!hasLogin || !hasDay)
            {
                var missing = new[] { (hasLogin, "user_login"), (hasDay, "day") }.Where(f => !f.Item1).Select(f => f.Item2);
                throw new CsvValidationException("The file lacks required fields.",
                    [.. errors, .. missing.Select(f => CsvLineError.Of(position, f, CsvErrorCode.MissingField, $"Required field '{f}' is missing.", ("field", f)))]);
            }
            if (string.IsNullOrEmpty(login)) { SourceErrors.Missing(errors, position, "user_login"); ok = false; }
            if (day == default && ok) { SourceErrors.Missing(errors, position, "day"); ok = false; }
            if (!ok) return null;

            List<SourceEvent>? events = null;
            if (_features.Count == 0)
            {
                if (total.Any) events = [Event(login!, day, _noFeature, total)];
            }
            else
            {
                foreach (var (useCase, activity) in _features)
                    if (activity.Any) (events ??= []).Add(Event(login!, day, useCase, activity));
            }
            return new SourceRecord(position, false, login, SourceParsers.GitHub, events ?? (IReadOnlyList<SourceEvent>)[]);
        }

        private SourceEvent Event(string login, DateOnly day, SourceUseCase useCase, Activity activity)
        {
            var id = new EventId(stackalloc char[256]);
            id.Part(source);
            id.Identifier(login);
            id.Date(day);
            id.Part(useCase.Code);
            return new SourceEvent(id.ToStringAndClear(), day, useCase.Code, useCase.Title, activity.Uses);
        }

        /// <summary>The features' activity; two entries of one feature add up.</summary>
        private bool ReadFeatures(ref Utf8JsonReader reader, long position, IList<CsvLineError> errors)
        {
            if (reader.TokenType != JsonTokenType.StartArray) { reader.Skip(); return true; }
            var ok = true;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) { reader.Skip(); continue; }
                var activity = new Activity();
                var useCase = _noFeature;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("feature"u8))
                    {
                        reader.Read();
                        if (reader.TokenType == JsonTokenType.String)
                        {
                            var name = Json.Chars(ref reader, _chars).Trim();
                            if (!name.IsEmpty) useCase = _useCases.For(name);
                        }
                        else reader.Skip();
                    }
                    else if (!ReadCount(ref reader, ref activity, "totals_by_feature.", position, errors, ref ok))
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
                var i = _features.FindIndex(f => f.UseCase.Code == useCase.Code);
                if (i < 0) _features.Add((useCase, activity));
                else
                {
                    var sum = _features[i].Activity;
                    sum.Interactions += activity.Interactions;
                    sum.Generations += activity.Generations;
                    sum.Acceptances += activity.Acceptances;
                    _features[i] = (useCase, sum);
                }
            }
            return ok;
        }

        /// <summary>Reads the property when it is one of the three counts (false for others).</summary>
        private static bool ReadCount(ref Utf8JsonReader reader, ref Activity activity, string path, long position, IList<CsvLineError> errors, ref bool ok)
        {
            ref long target = ref activity.Interactions;
            string field;
            if (reader.ValueTextEquals("user_initiated_interaction_count"u8)) field = "user_initiated_interaction_count";
            else if (reader.ValueTextEquals("code_generation_activity_count"u8)) { field = "code_generation_activity_count"; target = ref activity.Generations; }
            else if (reader.ValueTextEquals("code_acceptance_activity_count"u8)) { field = "code_acceptance_activity_count"; target = ref activity.Acceptances; }
            else return false;

            reader.Read();
            if (TryCount(ref reader, out var value)) target = value;
            else
            {
                var text = reader.TokenType is JsonTokenType.String or JsonTokenType.Number
                    ? Encoding.UTF8.GetString(reader.ValueSpan)
                    : reader.TokenType.ToString();
                reader.Skip();
                SourceErrors.NotANumber(errors, position, path + field, text);
                ok = false;
            }
            return true;
        }

        private static bool TryCount(ref Utf8JsonReader reader, out long value)
        {
            value = 0;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return true;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out value)) return value >= 0;
                    if (reader.TryGetDouble(out var number) && double.IsFinite(number) && number >= 0)
                    {
                        value = (long)Math.Min(long.MaxValue / 4, Math.Floor(number));
                        return true;
                    }
                    return false;
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrWhiteSpace(text)) return true;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) && parsed >= 0)
                    {
                        value = (long)Math.Min(long.MaxValue / 4, Math.Floor(parsed));
                        return true;
                    }
                    return false;
                default:
                    return false;
            }
        }
    }
}
