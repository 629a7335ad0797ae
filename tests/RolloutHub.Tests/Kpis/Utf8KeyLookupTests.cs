using System.Text;
using RolloutHub.Api.Features.Kpis.Engine;

namespace RolloutHub.Tests.Kpis;

/// <summary>The KPI scans find employees and use cases from SQLite's UTF-8 bytes, in any order.</summary>
public sealed class Utf8KeyLookupTests
{
    private static readonly Dictionary<string, int> Keys = new(StringComparer.Ordinal)
    {
        ["E003"] = 0, ["E001"] = 1, ["É002"] = 2, ["E010"] = 3, ["Z"] = 4, ["e001"] = 5, ["E0011"] = 6,
    };

    [Fact]
    public void Every_key_is_found_whatever_the_order_the_rows_come_in()
    {
        var lookup = new Utf8KeyLookup(Keys);
        // Ascending runs (as an index by day then key gives them), restarts, repeats and jumps back.
        string[] rows = ["E001", "E001", "E0011", "E003", "E010", "Z", "É002", "e001", "E001", "E003", "E003", "Z", "E001", "É002"];
        foreach (var key in rows)
            Assert.Equal(Keys[key], lookup.Find(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void An_unknown_key_is_not_found_and_a_required_one_says_which()
    {
        var lookup = new Utf8KeyLookup(Keys);
        Assert.True(lookup.TryFind("E003"u8, out _));
        Assert.False(lookup.TryFind("E002"u8, out var index));
        Assert.Equal(-1, index);
        Assert.False(lookup.TryFind("E00"u8, out _));
        Assert.False(lookup.TryFind(""u8, out _));
        Assert.Contains("E999", Assert.Throws<KeyNotFoundException>(() => lookup.Find("E999"u8)).Message);
    }
}
