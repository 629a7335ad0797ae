using System.Globalization;
using RolloutHub.Bench;

// The benchmark's tool: scripts/bench.sh starts and stops the processes; each command here does
// one phase against them and writes its figures as a JSON fragment; `report` joins the fragments
// into bench/results/latest.json and latest.md.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: RolloutHub.Bench COMMAND [--option value]...
          generate      --scale S --out DIR [--seed N] [--end YYYY-MM-DD] [--fragment FILE]
          import        --api URL --token T --data DIR --phase setup|events|next-day [--pid PID] --out FILE
          sqlite-import --csv FILE --db FILE --out FILE          sqlite3 .import into a bare table (the baseline)
          sqlite-load   --csv FILE --db FILE                     usage events straight into an API database
          kpi           --api URL --token T --mode full|incremental --out FILE [--prefix P]
          freshness     --api URL --token T --data DIR --out FILE  a champion's POST of usage events until /kpis includes them
          kpi-baseline  --db FILE --out FILE [--prefix P]        sqlite3 CLI: distinct active employees per department × week
          sources       --api URL --token T --data DIR --db FILE --pid PID --out FILE [--scale S] [--seed N]
                                                                 the AI tools' exports beside the usage-events import of the same events
          http          --api URL --token T --from D --to D --out FILE [--seconds 30] [--connections 64]
          report        --results DIR --out DIR [--name latest|scale10] [--meta key=value]... [--log FILE]... [--readme FILE]
        """);
    return 2;
}

var options = Options.Parse(args[1..]);
try
{
    return args[0] switch
    {
        "generate" => Commands.Generate(options),
        "import" => await Commands.ImportAsync(options),
        "sqlite-import" => await Commands.SqliteImportAsync(options),
        "sqlite-load" => await Commands.SqliteLoadAsync(options),
        "kpi" => await Commands.KpiAsync(options),
        "kpi-baseline" => await Commands.KpiBaselineAsync(options),
        "freshness" => await Commands.FreshnessAsync(options),
        "http" => await Commands.HttpAsync(options),
        "sources" => await SourceBench.RunAsync(options),
        "report" => Report.Write(options),
        _ => throw new BenchException($"Unknown command {args[0]}."),
    };
}
catch (BenchException e)
{
    Console.Error.WriteLine($"bench {args[0]}: {e.Message}");
    return 1;
}

/// <summary>--name value pairs; a name may repeat (--meta, --log).</summary>
public sealed class Options
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new BenchException($"Expected --name value, found '{args[i]}'.");
            var name = args[i][2..];
            if (!options._values.TryGetValue(name, out var list)) options._values[name] = list = [];
            list.Add(args[++i]);
        }
        return options;
    }

    public string Required(string name) => Optional(name) ?? throw new BenchException($"--{name} is required.");
    public string? Optional(string name) => _values.TryGetValue(name, out var v) ? v[^1] : null;
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var v) ? v : [];
    public double Number(string name, double fallback) =>
        Optional(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
