using System.Net;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>Microsoft Graph's refusals in plain words (shared by the Microsoft collectors).</summary>
public static class MicrosoftGraph
{
    public const string Vendor = "Microsoft Graph";

    public static Uri Url(MicrosoftCollectorOptions settings, string pathAndQuery) => new($"{settings.GraphBaseUrl.TrimEnd('/')}/{pathAndQuery}");

    public static void EnsureAllowed(MicrosoftSignIn signIn, HttpResponseMessage response, string what, string permission)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.Unauthorized) signIn.Forget();
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new CollectorFailure(
                $"Microsoft Graph refused the application's token for {what} (401): check that the application has the {permission} " +
                "application permission with admin consent, and Collectors:Microsoft:GraphBaseUrl matches Collectors:Microsoft:LoginBaseUrl's cloud."),
            HttpStatusCode.Forbidden => new CollectorFailure(
                $"Microsoft Graph denied the application access to {what} (403): grant it the {permission} application permission, with admin consent."),
            HttpStatusCode.NotFound => new CollectorFailure(
                $"Microsoft Graph does not offer {what} at Collectors:Microsoft:GraphBaseUrl (404): check the URL (national clouds have their own)."),
            _ => new CollectorFailure($"Microsoft Graph answered {(int)response.StatusCode} {response.ReasonPhrase} to {what}.".Replace("  ", " ")),
        };
    }
}
