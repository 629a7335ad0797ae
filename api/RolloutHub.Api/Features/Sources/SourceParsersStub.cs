// TEMPORARY: stands in for the parsers branch (Features/Sources/Parsers/) until it is merged.
using System.Text.Json;
using RolloutHub.Api.Infrastructure;

namespace RolloutHub.Api.Features.Sources.Parsers;

public static class SourceParsers
{
    public static readonly IReadOnlyList<ISourceParser> All = [new GitHubStub()];

    public static ISourceParser? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Source, name, StringComparison.OrdinalIgnoreCase));

    private sealed class GitHubStub : ISourceParser
    {
        public string Source => "github-copilot";
        public string Tool => "GitHub Copilot";

        public IEnumerable<SourceRecord> Read(Stream content, string? mediaType, IList<CsvLineError> errors)
        {
            using var reader = new StreamReader(content, leaveOpen: true);
            long line = 0;
            while (reader.ReadLine() is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text)) continue;
                JsonElement record;
                try { record = JsonDocument.Parse(text).RootElement; }
                catch (JsonException) { errors.Add(new CsvLineError(line, null, "not json")); continue; }
                var login = record.GetProperty("user_login").GetString()!.Trim();
                if (!DateOnly.TryParse(record.GetProperty("day").GetString(), out var day)) { errors.Add(new CsvLineError(line, "day", "bad day")); continue; }
                var uses = record.TryGetProperty("user_initiated_interaction_count", out var u) ? u.GetInt32() : 0;
                var feature = record.TryGetProperty("feature", out var f) ? f.GetString()! : "copilot";
                if (uses <= 0) { yield return SourceRecord.Skip(line); continue; }
                var code = "github-" + feature;
                yield return new SourceRecord(line, false, login, "github",
                    [new SourceEvent($"github-copilot:{login.ToLowerInvariant()}:{day:yyyy-MM-dd}:{code}", day, code, feature, uses)]);
            }
        }
    }
}
