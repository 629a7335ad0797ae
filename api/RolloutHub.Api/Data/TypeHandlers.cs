using System.Data;
using System.Globalization;
using Dapper;

namespace RolloutHub.Api.Data;

/// <summary>
/// SQLite hands dates and instants back as ISO 8601 text, the server databases as
/// DateTime; these handlers turn either into DateOnly and DateTimeOffset. A JSON column reads
/// as a dictionary. Money reads as decimal whatever the column holds (NUMERIC, DECIMAL, or the
/// exact decimal text SQLite keeps).
/// </summary>
public static class TypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        // Dapper consults its built-in type map before any handler, so without these removals
        // instants would go out as the provider's own DateTimeOffset (on SQLite the text
        // "2026-01-05 10:00:00+00:00", which does not compare with the ISO form) and null dates
        // untyped (which PostgreSQL refuses in "@from IS NULL").
        foreach (var type in new[] { typeof(DateOnly), typeof(DateOnly?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(decimal), typeof(decimal?) })
            SqlMapper.RemoveTypeMap(type);
        SqlMapper.AddTypeHandler(typeof(decimal), new DecimalHandler());
        SqlMapper.AddTypeHandler(typeof(DateOnly), new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(typeof(IReadOnlyDictionary<string, string>), new JsonObjectHandler());
    }

    // A JSON object of strings kept in a text column (alerts.facts), written and read as a dictionary.
    private sealed class JsonObjectHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(value);
        }

        public object? Parse(Type destinationType, object value) => value is string text
            ? System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(text)
            : null;
    }

    // SQLite has no exact decimal: money is kept there as text ("1234.5678"), which
    // Microsoft.Data.Sqlite would otherwise write with a trailing ".0" and Dapper could not read
    // back as decimal. Values are read without trailing zeros, so that NUMERIC(18,4)'s 3.0000
    // answers 3 as before.
    private sealed class DecimalHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            if (parameter is Microsoft.Data.Sqlite.SqliteParameter sqlite)
            {
                sqlite.SqliteType = Microsoft.Data.Sqlite.SqliteType.Text;
                sqlite.Value = value is decimal d ? Money.Text(d) : DBNull.Value;
                return;
            }
            parameter.DbType = DbType.Decimal;
            parameter.Value = value is decimal m ? m : DBNull.Value;
        }

        public object Parse(Type destinationType, object value) => Money.Normalise(value switch
        {
            decimal d => d,
            string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
            double f => decimal.Parse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture),
            long l => l,
            int i => i,
            _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        });
    }

    // Implements ITypeHandler itself (not TypeHandler<T>) so that a null DateOnly? is sent as a
    // typed NULL too: PostgreSQL cannot infer the type of an untyped NULL in "@from IS NULL".
    private sealed class DateOnlyHandler : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value is DateOnly date ? date : DBNull.Value;
        }

        public object Parse(Type destinationType, object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as a date."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            // Stored in UTC so that text comparison in SQLite orders instants correctly.
            parameter.Value = value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset d => d,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant."),
        };
    }
}
