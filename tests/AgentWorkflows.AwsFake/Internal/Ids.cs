using System.Security.Cryptography;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>Random identifiers shaped like AWS's.</summary>
internal static class Ids
{
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string UserAccessKeyId() => "AKIA" + RandomChars(Base32, 16);

    public static string SessionAccessKeyId() => "ASIA" + RandomChars(Base32, 16);

    public static string RoleId() => "AROA" + RandomChars(Base32, 17);

    public static string UserId() => "AIDA" + RandomChars(Base32, 17);

    public static string Secret() => RandomChars(SecretChars, 40);

    public static string SessionToken() =>
        "FwoGZXIvYXdzE" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(180));

    public static string RequestId() => Guid.NewGuid().ToString("D").ToUpperInvariant();

    private static string RandomChars(string alphabet, int count) =>
        RandomNumberGenerator.GetString(alphabet, count);
}
