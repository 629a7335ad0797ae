using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using FluentValidation;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// The dates RolloutHub accepts anywhere: in a query, a JSON body or a CSV cell. Far outside
/// them, date arithmetic (weeks back from 0001-01-01, a month after 9999-12-31) overflows,
/// and no rollout fact lies there anyway.
/// </summary>
public static class DateBounds
{
    public static readonly DateOnly Min = new(1900, 1, 1);
    public static readonly DateOnly Max = new(2200, 12, 31);

    public static bool Contains(DateOnly date) => date >= Min && date <= Max;

    public static string Message(string field) =>
        $"{field} must be a date between {Min.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and {Max.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
}

/// <summary>
/// Runs for every request sent through the mediator: each date it carries (a property of the
/// request, of its JSON body, or of the items of a list in it) must lie within
/// <see cref="DateBounds"/>, or the answer is a 400 naming the field. One rule for every date
/// parameter, present and future, instead of one line in each validator.
/// </summary>
public sealed class DateBoundsValidator<T> : AbstractValidator<T>
{
    public DateBoundsValidator()
    {
        if (!DateWalk.HasDates(typeof(T))) return;
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (path, date) in DateWalk.Dates(request, typeof(T), "", 0))
                if (!DateBounds.Contains(date))
                    context.AddFailure(path, DateBounds.Message(path));
        });
    }
}

internal static class DateWalk
{
    private const int MaxDepth = 4;
    private static readonly ConcurrentDictionary<Type, bool> Cache = new();

    /// <summary>Whether a value of this type can hold a date (so that most requests cost nothing).</summary>
    public static bool HasDates(Type type) => Cache.GetOrAdd(type, t => HasDates(t, 0));

    private static bool HasDates(Type type, int depth)
    {
        if (IsDate(type)) return true;
        if (depth > MaxDepth || !IsOurs(type) && ItemType(type) is null) return false;
        if (ItemType(type) is { } item) return HasDates(item, depth + 1);
        return Properties(type).Any(p => HasDates(p.PropertyType, depth + 1));
    }

    public static IEnumerable<(string Path, DateOnly Date)> Dates(object? value, Type type, string path, int depth)
    {
        if (value is null || depth > MaxDepth) yield break;
        if (value is DateOnly date)
        {
            yield return (path, date);
            yield break;
        }
        if (ItemType(type) is { } item && value is IEnumerable items)
        {
            if (!HasDates(item)) yield break;
            var i = 0;
            foreach (var element in items)
            {
                foreach (var found in Dates(element, item, $"{path}[{i}]", depth + 1)) yield return found;
                i++;
            }
            yield break;
        }
        if (!IsOurs(type)) yield break;
        foreach (var property in Properties(type).Where(p => HasDates(p.PropertyType)))
        {
            // A request carries its JSON body as a *Body record: its fields are named as the client sent them.
            var json = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var name = property.PropertyType.Name.EndsWith("Body", StringComparison.Ordinal) ? path : path.Length == 0 ? json : $"{path}.{json}";
            foreach (var found in Dates(property.GetValue(value), property.PropertyType, name, depth + 1)) yield return found;
        }
    }

    private static bool IsDate(Type type) => type == typeof(DateOnly) || type == typeof(DateOnly?);

    private static bool IsOurs(Type type) => type.Assembly == typeof(DateBounds).Assembly && !type.IsEnum;

    private static Type? ItemType(Type type) =>
        type == typeof(string) ? null
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);
}
