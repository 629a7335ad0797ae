using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using FluentValidation;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// Keys (employee keys, department, use-case, budget-line and module codes, event, report and
/// spend ids) must not look alike and differ. A key is compared in Unicode normal form KC:
/// composed accents (CAFÉ typed either way is one key) and compatibility forms folded
/// (fullwidth ＳＡＬＥＳ is SALES: no organisation means a different department by a different
/// width, and a key copied from an Asian-locale spreadsheet must still match). Control and
/// invisible characters (NUL, zero-width spaces and joiners, bidi marks, line separators) are
/// refused: a key that prints the same as another but is not is a trap for the reader.
/// </summary>
public static class KeyText
{
    /// <summary>The key in normal form KC.</summary>
    public static string Normalise(string key) => key.IsNormalized(NormalizationForm.FormKC) ? key : key.Normalize(NormalizationForm.FormKC);

    /// <summary>Why the key cannot be a key (an invisible or control character, named by its code point), or null.</summary>
    public static string? Problem(string field, string key)
    {
        foreach (var rune in key.EnumerateRunes())
        {
            if (IsInvisible(rune))
                return $"{field} contains an invisible or control character (U+{rune.Value:X4}); type it again without it.";
        }
        return null;
    }

    private static bool IsInvisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => true,
        // Spaces other than the ordinary one (no-break, em, ideographic…) print as blanks but differ.
        UnicodeCategory.SpaceSeparator => rune.Value != ' ',
        _ => false,
    };

    /// <summary>Whether a request property (or a CSV column) holds a key, by its name.</summary>
    public static bool IsKeyName(string name) =>
        name.EndsWith("Code", StringComparison.Ordinal) || name.EndsWith("Codes", StringComparison.Ordinal)
        || name.EndsWith("Key", StringComparison.Ordinal) || name is "EventId" or "ReportId" or "SpendId";
}

/// <summary>
/// Runs for every request sent through the mediator: each key it carries (a route key, a code
/// in its JSON body, in a list of codes or in the items of a list) must be free of invisible
/// characters and written in normal form KC; the 400 names the field and, for another form,
/// the key as it must be written. (CSV imports, typed by people in spreadsheets, fold the form
/// instead: see <see cref="Features.Imports.CsvImportRow.Key"/>.)
/// </summary>
public sealed class KeyTextValidator<T> : AbstractValidator<T>
{

    public KeyTextValidator()
    {
        if (typeof(T).Assembly != typeof(KeyText).Assembly) return;
        RuleFor(r => r).Custom((request, context) =>
        {
            foreach (var (path, key) in KeysOf(request!, typeof(T), "", 0))
            {
                if (KeyText.Problem(path, key) is { } problem) context.AddFailure(path, problem);
                else if (KeyText.Normalise(key) is var normal && normal != key)
                    context.AddFailure(path, $"{path} '{key}' is not in its normal form: write it '{normal}'.");
            }
        });
    }

    private static IEnumerable<(string Path, string Key)> KeysOf(object value, Type type, string path, int depth)
    {
        if (depth > 3 || type.Assembly != typeof(KeyText).Assembly) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            var json = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var flatten = property.PropertyType.Name.EndsWith("Body", StringComparison.Ordinal);
            var name = flatten ? path : path.Length == 0 ? json : $"{path}.{json}";
            var current = property.GetValue(value);
            if (current is null) continue;
            if (current is string text)
            {
                if (KeyText.IsKeyName(property.Name)) yield return (name, text);
            }
            else if (current is IEnumerable items and not string)
            {
                var i = 0;
                foreach (var item in items)
                {
                    if (item is string code && KeyText.IsKeyName(property.Name)) yield return ($"{name}[{i}]", code);
                    else if (item is not null && item.GetType().Assembly == typeof(KeyText).Assembly)
                        foreach (var found in KeysOf(item, item.GetType(), $"{name}[{i}]", depth + 1)) yield return found;
                    i++;
                }
            }
            else if (property.PropertyType.Assembly == typeof(KeyText).Assembly && !property.PropertyType.IsEnum)
            {
                foreach (var found in KeysOf(current, property.PropertyType, name, depth + 1)) yield return found;
            }
        }
    }

}
