using System.Text.RegularExpressions;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Last line of defence for text that enters a report from elsewhere (an error message, a gap): AWS
/// access key ids are masked, so that a report never carries one even if a message did.
/// </summary>
public static partial class ReportRedactor
{
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AccessKeyId().Replace(text, "[redacted key id]");
    }

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();
}
