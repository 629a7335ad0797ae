using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RolloutHub.Bench;

/// <summary>
/// Peak resident memory of a process during a phase. Writing 5 to /proc/PID/clear_refs resets
/// the kernel's high-water mark (VmHWM), so VmHWM afterwards is the peak of the phase alone;
/// VmRSS is also sampled every 100 ms, in case the reset is not allowed.
/// </summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxSampledKb;

    public RssSampler(int pid)
    {
        _pid = pid;
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            PeakWasReset = true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PeakWasReset = false;
        }
        _loop = Task.Run(SampleAsync);
    }

    public bool PeakWasReset { get; }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (Read("VmRSS") is { } rss) _maxSampledKb = Math.Max(_maxSampledKb, rss);
            try { await Task.Delay(100, _stop.Token); } catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Stops sampling: (VmHWM, highest sampled VmRSS, VmRSS now), in MB.</summary>
    public async Task<(double? HighWaterMb, double SampledMb, double? NowMb)> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        if (Read("VmRSS") is { } rss) _maxSampledKb = Math.Max(_maxSampledKb, rss);
        return (Read("VmHWM") / 1024.0, _maxSampledKb / 1024.0, Read("VmRSS") / 1024.0);
    }

    private long? Read(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                    return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await StopAsync();
        _stop.Dispose();
    }
}

/// <summary>
/// CPU seconds (user + system) a process spends during a phase, from /proc/PID/stat. On a
/// machine shared with other work, wall time stretches with the load; CPU time much less so.
/// </summary>
public sealed class CpuClock(int pid)
{
    private readonly double _start = Seconds(pid) ?? double.NaN;

    public double? Elapsed => Seconds(pid) is { } now && !double.IsNaN(_start) ? now - _start : null;

    private static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>Runs a command-line tool (sqlite3, wrk) and times it from start to exit.</summary>
public static class Tool
{
    public sealed record Run(int ExitCode, string Output, string Errors, double Seconds, long OutputLines);

    public static async Task<Run> RunAsync(string file, IEnumerable<string> arguments, string? input = null, bool keepOutput = true)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchException($"Could not start {file}.");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }
        var output = new System.Text.StringBuilder();
        long lines = 0;
        var readOut = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lines++;
                if (keepOutput) output.AppendLine(line);
            }
        });
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await readOut;
        clock.Stop();
        return new Run(process.ExitCode, output.ToString(), await errors, clock.Elapsed.TotalSeconds, lines);
    }
}

/// <summary>wrk's summary: requests per second and the latency percentiles of --latency.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P75Ms, double P90Ms, double P99Ms,
    long Requests, long Non2xx, long SocketErrors, double Seconds)
{
    public static WrkResult Parse(string output)
    {
        double Percentile(string p) =>
            Regex.Match(output, $@"^\s*{p}%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline) is { Success: true } m
                ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value)
                : throw new BenchException($"wrk printed no {p}% latency:\n{output}");
        var rps = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        var total = Regex.Match(output, @"(\d+) requests in ([\d.]+)(us|ms|s|m)");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        var socket = Regex.Match(output, @"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)");
        if (!rps.Success || !total.Success) throw new BenchException($"wrk printed no summary:\n{output}");
        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile("50"), Percentile("75"), Percentile("90"), Percentile("99"),
            long.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socket.Success ? Enumerable.Range(1, 4).Sum(i => long.Parse(socket.Groups[i].Value, CultureInfo.InvariantCulture)) : 0,
            Milliseconds(total.Groups[2].Value, total.Groups[3].Value) / 1000);
    }

    private static double Milliseconds(string value, string unit) => double.Parse(value, CultureInfo.InvariantCulture) * unit switch
    {
        "us" => 0.001,
        "ms" => 1,
        "s" => 1000,
        _ => 60_000,
    };
}
