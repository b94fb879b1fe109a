using System.Text.RegularExpressions;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Removes anything that looks like an AWS credential from text that goes into an exception message,
/// a log line or workflow history: access key ids (<c>AKIA…</c>, <c>ASIA…</c>), 40-character secret
/// keys and long base64 runs such as session tokens or signatures.
/// </summary>
public static partial class SecretScrubber
{
    /// <summary>The most of an AWS message that is kept; longer ones are cut.</summary>
    public const int MaxLength = 600;

    /// <summary>Text that replaces an access key id.</summary>
    public const string KeyIdMark = "[key-id removed]";

    /// <summary>Text that replaces a secret, token or other long opaque run.</summary>
    public const string SecretMark = "[secret removed]";

    /// <summary>Returns <paramref name="text"/> without credentials, cut to <see cref="MaxLength"/>.</summary>
    public static string Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // AWS echoes the whole canonical request (headers included) after a signature mismatch.
        var canonical = text.IndexOf("The Canonical String", StringComparison.OrdinalIgnoreCase);
        if (canonical >= 0)
        {
            text = text[..canonical].TrimEnd();
        }

        text = KeyIdPattern().Replace(text, KeyIdMark);
        text = LongOpaquePattern().Replace(text, SecretMark);
        text = SecretKeyPattern().Replace(text, SecretMark);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");
    }

    [GeneratedRegex("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,}", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();

    // A secret access key: exactly 40 characters of the base64 alphabet, standing alone.
    [GeneratedRegex("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex SecretKeyPattern();

    // Session tokens, signatures and other long base64 or hex runs.
    [GeneratedRegex("[A-Za-z0-9/+=]{56,}", RegexOptions.CultureInvariant)]
    private static partial Regex LongOpaquePattern();
}
