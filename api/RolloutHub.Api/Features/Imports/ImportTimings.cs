namespace RolloutHub.Api.Features.Imports;

/// <summary>Stopwatch laps of one import, logged at its end: where a large file's time goes.</summary>
internal sealed class ImportTimings
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<(string Phase, long Milliseconds)> _laps = [];

    public void Lap(string phase)
    {
        _laps.Add((phase, _clock.ElapsedMilliseconds));
        _clock.Restart();
    }

    public override string ToString() =>
        string.Join(", ", _laps.Select(l => $"{l.Phase} {l.Milliseconds} ms")) + $"; total {_laps.Sum(l => l.Milliseconds)} ms";
}
