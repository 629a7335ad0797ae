using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RolloutHub.Bench;

/// <summary>
/// A pseudo-random stream whose numbers are fixed by its seed on every machine and .NET version
/// (SplitMix64). System.Random's algorithm is not a documented contract, so it is not used.
/// </summary>
public struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, n).</summary>
    public int Below(int n) => (int)(NextDouble() * n);

    public bool Chance(double p) => NextDouble() < p;
}

/// <summary>What one generation wrote: sizes, dates and a hash per file, so two runs can be compared.</summary>
public sealed record Manifest
{
    public required ulong Seed { get; init; }
    public required double Scale { get; init; }
    public required int Departments { get; init; }
    public required int Employees { get; init; }
    public required int UseCases { get; init; }
    public required int Weeks { get; init; }
    /// <summary>Monday of the first week.</summary>
    public required string Start { get; init; }
    /// <summary>Sunday of the last week.</summary>
    public required string End { get; init; }
    /// <summary>The day after <see cref="End"/>: the date of the small incremental file.</summary>
    public required string NextDay { get; init; }
    public required long UsageEvents { get; init; }
    public required long NextDayUsageEvents { get; init; }
    public required Dictionary<string, FileFacts> Files { get; init; }
}

public sealed record FileFacts(long Rows, long Bytes, string Sha256);

/// <summary>
/// The benchmark organisation: 20,000 × scale employees in 20 × scale departments (at least 40,
/// at most 200: 40 at scale 1, 200 at scale 10), 52 ISO weeks, about 250 usage events per
/// employee (5 million at scale 1). Departments join the rollout in five waves eight weeks apart and ramp up over eight weeks; a few employees join or leave during
/// the year; some never use AI. Every random draw comes from a stream seeded by (seed, what it is
/// for), and events are drawn day by day from each employee's own stream, so the files depend
/// only on the seed, the scale and the end date.
/// </summary>
public static class Organisation
{
    public const int MinDepartments = 40, MaxDepartments = 200;
    public const int FullEmployees = 20_000;
    public const int Weeks = 52;
    public const int UseCaseCount = 60;

    private static readonly string[] DepartmentNames =
    [
        "Finance", "Legal", "HR", "Sales", "Marketing", "Support", "IT", "Procurement", "Logistics", "R&D",
    ];

    private static readonly string[] Categories = ["writing", "analysis", "coding", "search", "meetings", "customer"];

    private sealed class Employee
    {
        public required string Key { get; init; }
        public int Department { get; init; }
        /// <summary>Which of the five waves the department joins in (a fifth of the departments each).</summary>
        public int Wave { get; init; }
        public int? JoinedOn { get; init; }
        public int? LeftOn { get; init; }
        public double Propensity { get; init; }
        public required int[] Favourites { get; init; }
        public SplitMix64 Random;
    }

    /// <summary>The Sunday ending the last complete ISO week before <paramref name="today"/>.</summary>
    public static DateOnly LastCompleteWeekEnd(DateOnly today)
    {
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return monday.AddDays(-1);
    }

    public static int DepartmentCount(double scale) => Math.Clamp((int)Math.Round(20 * scale), MinDepartments, MaxDepartments);

    public static Manifest Write(string folder, double scale, ulong seed, DateOnly end)
    {
        if (end.DayOfWeek != DayOfWeek.Sunday) throw new ArgumentException($"The end date {end:yyyy-MM-dd} is not a Sunday.");
        Directory.CreateDirectory(folder);
        var start = end.AddDays(-(Weeks * 7) + 1);
        var employeeCount = Math.Max(1, (int)Math.Round(FullEmployees * scale));
        var departmentCount = DepartmentCount(scale);
        var files = new Dictionary<string, FileFacts>();

        files["departments.csv"] = WriteCsv(folder, "departments.csv", "code,name", w =>
        {
            for (var d = 0; d < departmentCount; d++)
                w.Line($"{DepartmentCode(d)},{DepartmentNames[d % DepartmentNames.Length]} {d / DepartmentNames.Length + 1}");
        });

        var useCaseRandom = new SplitMix64(seed ^ 0x5543UL);
        var minutesPerUse = new double[UseCaseCount];
        files["use-cases.csv"] = WriteCsv(folder, "use-cases.csv", "code,title,category,status,minutes_saved_per_use,owner,review_every_days,last_reviewed_on", w =>
        {
            for (var u = 0; u < UseCaseCount; u++)
            {
                minutesPerUse[u] = 2 + useCaseRandom.Below(29);
                var status = u < 40 ? "production" : u < 52 ? "pilot" : u < 57 ? "idea" : "retired";
                w.Line($"{UseCaseCode(u)},Use case {u + 1},{Categories[u % Categories.Length]},{status}," +
                       $"{minutesPerUse[u].ToString(CultureInfo.InvariantCulture)},Owner {u % 7 + 1},90,{Text(start.AddDays(u))}");
            }
        });

        var employees = new Employee[employeeCount];
        var startDay = start.DayNumber;
        files["employees.csv"] = WriteCsv(folder, "employees.csv", "employee_key,department_code,joined_on,left_on,training_tier,has_seat", w =>
        {
            for (var i = 0; i < employeeCount; i++)
            {
                var r = new SplitMix64(seed ^ (0x456DUL << 32) ^ (ulong)(i + 1) * 0x9E3779B97F4A7C15UL);
                int? joined = r.NextDouble() switch
                {
                    < 0.06 => startDay + r.Below(Weeks * 7),         // joins during the year
                    < 0.25 => null,                                   // date not recorded
                    _ => startDay - 30 - r.Below(3650),
                };
                int? left = r.Chance(0.04) ? Math.Max(joined ?? startDay, startDay) + 30 + r.Below(300) : null;
                if (left > startDay + Weeks * 7 - 1) left = null;
                var tier = r.NextDouble() switch { < 0.2 => "power", < 0.7 => "casual", _ => "" };
                var seat = r.NextDouble() switch { < 0.6 => "true", < 0.7 => "false", _ => "" };
                var favourites = new int[2 + r.Below(5)];
                for (var f = 0; f < favourites.Length; f++) favourites[f] = r.Below(UseCaseCount);
                employees[i] = new Employee
                {
                    Key = $"E{i + 1:D6}", Department = i % departmentCount, Wave = 5 * (i % departmentCount) / departmentCount, JoinedOn = joined, LeftOn = left,
                    Propensity = r.Chance(0.12) ? 0 : 0.25 + 0.7 * r.NextDouble(),
                    Favourites = favourites, Random = r,
                };
                w.Line($"{employees[i].Key},{DepartmentCode(employees[i].Department)},{Text(joined)},{Text(left)},{tier},{seat}");
            }
        });

        long eventNumber = 0;
        const string usageHeader = "event_id,occurred_on,employee_key,use_case_code,uses,minutes_saved";
        files["usage-events.csv"] = WriteCsv(folder, "usage-events.csv", usageHeader, w =>
        {
            for (var day = startDay; day <= end.DayNumber; day++) WriteDay(w, employees, day, startDay, ref eventNumber);
        });
        files["usage-events-next-day.csv"] = WriteCsv(folder, "usage-events-next-day.csv", usageHeader, w =>
            WriteDay(w, employees, end.DayNumber + 1, startDay, ref eventNumber));

        var manifest = new Manifest
        {
            Seed = seed, Scale = scale, Departments = departmentCount, Employees = employeeCount, UseCases = UseCaseCount, Weeks = Weeks,
            Start = Text(start), End = Text(end), NextDay = Text(end.AddDays(1)),
            UsageEvents = files["usage-events.csv"].Rows, NextDayUsageEvents = files["usage-events-next-day.csv"].Rows,
            Files = files,
        };
        File.WriteAllText(Path.Combine(folder, "manifest.json"), Json.Write(manifest));
        return manifest;
    }

    /// <summary>
    /// One day of usage: a department of wave w (0 to 4) starts in week 8 × w and ramps up over eight weeks;
    /// an employee is active on a working day with their propensity (rarely at weekends), and an
    /// active day has one to five events, each on one of their favourite use cases.
    /// </summary>
    private static void WriteDay(CsvWriter w, Employee[] employees, int day, int startDay, ref long eventNumber)
    {
        var date = Text(DateOnly.FromDayNumber(day));
        var weekday = (int)DateOnly.FromDayNumber(day).DayOfWeek is not (0 or 6);
        var week = (day - startDay) / 7;
        foreach (var e in employees)
        {
            ref var r = ref e.Random;
            var draw = r.NextDouble(); // drawn every day, so the stream does not depend on which branch ran
            var waveStart = 8 * e.Wave;
            if (week < waveStart || e.Propensity == 0) continue;
            if (e.JoinedOn > day || e.LeftOn <= day) continue;
            var ramp = Math.Min(1.0, 0.2 + 0.8 * (week - waveStart) / 8.0);
            var p = e.Propensity * ramp * (weekday ? 1.0 : 0.03);
            if (draw >= p) continue;
            var count = 1 + (r.Chance(0.5) ? 1 : 0) + (r.Chance(0.5) ? 1 : 0) + (r.Chance(0.5) ? 1 : 0) + (r.Chance(0.5) ? 1 : 0);
            for (var k = 0; k < count; k++)
            {
                var useCase = e.Favourites[r.Below(e.Favourites.Length)];
                var uses = 1 + (r.Chance(0.3) ? 1 : 0) + (r.Chance(0.1) ? 1 : 0);
                var minutes = r.Chance(0.35) ? (uses * (1 + r.Below(60)) / 2.0).ToString(CultureInfo.InvariantCulture) : "";
                w.Line($"EV{++eventNumber:D9},{date},{e.Key},{UseCaseCode(useCase)},{uses},{minutes}");
            }
        }
    }

    public static string DepartmentCode(int d) => $"D{d + 1:D2}";
    public static string UseCaseCode(int u) => $"UC{u + 1:D3}";
    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Text(int? day) => day is { } d ? Text(DateOnly.FromDayNumber(d)) : "";

    private static FileFacts WriteCsv(string folder, string name, string header, Action<CsvWriter> rows)
    {
        var path = Path.Combine(folder, name);
        using (var writer = new CsvWriter(path))
        {
            writer.Header(header);
            rows(writer);
            writer.Flush();
            return new FileFacts(writer.Rows, writer.Bytes, Convert.ToHexStringLower(writer.Hash()));
        }
    }

    /// <summary>Writes UTF-8 lines (LF, no BOM), counting rows and hashing as it goes.</summary>
    private sealed class CsvWriter(string path) : IDisposable
    {
        private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20);
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _used;

        public long Rows { get; private set; }
        public long Bytes { get; private set; }

        public void Header(string line) => Append(line);

        public void Line(string line)
        {
            Append(line);
            Rows++;
        }

        private void Append(string line)
        {
            if (_used + line.Length * 3 + 1 > _buffer.Length) Flush();
            _used += Encoding.UTF8.GetBytes(line, _buffer.AsSpan(_used));
            _buffer[_used++] = (byte)'\n';
        }

        public void Flush()
        {
            _file.Write(_buffer, 0, _used);
            _hash.AppendData(_buffer, 0, _used);
            Bytes += _used;
            _used = 0;
        }

        public byte[] Hash() => _hash.GetHashAndReset();

        public void Dispose()
        {
            _file.Dispose();
            _hash.Dispose();
        }
    }
}
