using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace RolloutHub.Api.Features.Collectors;

/// <summary>
/// Signs in to Microsoft Entra ID as the application (OAuth 2.0 client credentials) with a client
/// secret or a certificate (a signed client assertion), for Microsoft Graph. The access token is
/// kept in memory only, until shortly before it expires.
/// </summary>
public sealed class MicrosoftSignIn(IOptionsMonitor<CollectorsOptions> options, CollectorHttp http)
{
    private const string Vendor = "Microsoft's sign-in";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Key, string Token, DateTimeOffset Until)? _cached;

    /// <summary>A Graph request with the application's access token.</summary>
    public static HttpRequestMessage Graph(HttpMethod method, Uri url, string token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Drops the kept token (Graph refused it).</summary>
    public void Forget() => _cached = null;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Microsoft;
        // The cache is for one set of settings: a changed tenant, client or graph host signs in anew.
        var key = $"{settings.LoginBaseUrl}|{settings.TenantId}|{settings.ClientId}|{settings.GraphBaseUrl}";
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && cached.Key == key && cached.Until > DateTimeOffset.UtcNow) return cached.Token;
            var endpoint = new Uri($"{settings.LoginBaseUrl.TrimEnd('/')}/{Uri.EscapeDataString(settings.TenantId!.Trim())}/oauth2/v2.0/token");
            var form = new List<KeyValuePair<string, string>>
            {
                new("grant_type", "client_credentials"),
                new("client_id", settings.ClientId!.Trim()),
                new("scope", $"{settings.GraphBaseUrl.TrimEnd('/')}/.default"),
            };
            if (!string.IsNullOrWhiteSpace(settings.CertificatePath))
            {
                form.Add(new("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
                form.Add(new("client_assertion", ClientAssertion(settings, endpoint)));
            }
            else form.Add(new("client_secret", settings.ClientSecret!));

            using var response = await http.SendAsync(Vendor, "the token request",
                () => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) }, cancellationToken);
            using var json = await CollectorHttp.ReadJsonAsync(response, Vendor, "the token request", cancellationToken);
            var root = json.RootElement;
            if (!response.IsSuccessStatusCode) throw Refused((int)response.StatusCode, root);
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String)
                throw CollectorHttp.Changed(Vendor, "the token request", "no access_token");
            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number
                ? expires.GetDouble()
                : 3599;
            _cached = (key, token.GetString()!, DateTimeOffset.UtcNow.AddSeconds(Math.Max(0, lifetime - 300)));
            return _cached.Value.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Entra's refusal in words: its error code (AADSTS…) and the key to check; never the secret.</summary>
    private static CollectorFailure Refused(int status, JsonElement root)
    {
        var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.GetString() : null;
        var description = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_description", out var d) ? d.GetString() ?? "" : "";
        var code = description.Split(':', 2)[0].Trim();
        code = code.StartsWith("AADSTS", StringComparison.Ordinal) ? $", {code}" : "";
        var check = (error, code) switch
        {
            (_, ", AADSTS90002") or (_, ", AADSTS900023") => "check Collectors:Microsoft:TenantId",
            (_, ", AADSTS700016") => "check Collectors:Microsoft:ClientId (no such application in that tenant)",
            (_, ", AADSTS7000215") or (_, ", AADSTS7000222") => "check Collectors:Microsoft:ClientSecret (wrong or expired)",
            ("invalid_client", _) => "check Collectors:Microsoft:ClientId and ClientSecret (or CertificatePath)",
            _ => "check Collectors:Microsoft:TenantId, ClientId and ClientSecret (or CertificatePath)",
        };
        return new CollectorFailure($"Microsoft's sign-in refused the application ({status} {error}{code}): {check}.");
    }

    /// <summary>A client assertion (RFC 7523) signed with the configured certificate's private key.</summary>
    private static string ClientAssertion(MicrosoftCollectorOptions settings, Uri endpoint)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath!, settings.CertificatePassword);
        }
        catch (CryptographicException)
        {
            throw new CollectorFailure("The certificate of Collectors:Microsoft:CertificatePath could not be opened: check the file and Collectors:Microsoft:CertificatePassword.");
        }
        using (certificate)
        {
            using var key = certificate.GetRSAPrivateKey()
                ?? throw new CollectorFailure("The certificate of Collectors:Microsoft:CertificatePath holds no RSA private key.");
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["alg"] = "RS256", ["typ"] = "JWT", ["x5t#S256"] = Base64Url(SHA256.HashData(certificate.RawData)),
            });
            var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["aud"] = endpoint.ToString(), ["iss"] = settings.ClientId!.Trim(), ["sub"] = settings.ClientId!.Trim(),
                ["jti"] = Guid.NewGuid().ToString(), ["nbf"] = now, ["iat"] = now, ["exp"] = now + 600,
            });
            var signed = $"{Base64Url(header)}.{Base64Url(payload)}";
            var signature = key.SignData(Encoding.ASCII.GetBytes(signed), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            return $"{signed}.{Base64Url(signature)}";
        }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
