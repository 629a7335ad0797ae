using System.Globalization;

namespace RolloutHub.Api.Infrastructure;

/// <summary>
/// The language of the sentences an answer explains itself with (wave readiness and progress):
/// English, unless the request asks for French in <c>Accept-Language</c>, as the dashboard does
/// in its reader's language. Codes, field names and figures stay the same in both. A French
/// sentence writes its numbers and dates the French way (<c>47,3 %</c>, <c>23/02/2026</c>).
/// </summary>
public static class Wording
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static bool IsFrench => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr";

    public static string Say(FormattableString english, FormattableString french) =>
        IsFrench ? french.ToString(French) : english.ToString(CultureInfo.InvariantCulture);

    /// <summary>A ratio as a percentage with at most one decimal: 47.3% or 47,3 %.</summary>
    public static string Percent(double? ratio) => ratio is { } r
        ? Say($"{r * 100:0.#}%", $"{r * 100:0.#} %")
        : Say($"n/a", $"n.d.");

    /// <summary>Takes the sentence language from Accept-Language (English or French); formatting of everything else is untouched.</summary>
    public static WebApplication UseRequestWording(this WebApplication app)
    {
        // Background jobs (alerts) word their sentences in English whatever the machine's locale.
        CultureInfo.DefaultThreadCurrentUICulture = English;
        app.UseRequestLocalization(options =>
        {
            options.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(CultureInfo.InvariantCulture, English);
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            // The neutral cultures, so that fr, fr-FR, fr-CA… all give French (their parent is fr).
            options.SupportedUICultures = [English, CultureInfo.GetCultureInfo("fr")];
            options.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.AcceptLanguageHeaderRequestCultureProvider()];
        });
        return app;
    }
}
