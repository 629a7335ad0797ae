using System.Security.Cryptography;
using System.Text;

namespace RolloutHub.Api.Auth;

/// <summary>
/// Tokens are 256-bit random secrets, so a plain SHA-256 is enough to store them: there is
/// nothing to brute-force as there would be with a password.
/// </summary>
public static class TokenHasher
{
    public static string NewSecret() => "rh_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
