using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>
/// Writes a finding as a table row expects it: <c>PublicRead stmt#0 * s3:GetObject</c>,
/// <c>PublicAclRead acl AllUsers READ</c>, <c>NeutralisedByBpa&lt;-PublicRead stmt#0 * s3:GetObject</c>.
/// </summary>
internal static class FindingText
{
    public static string Of(Finding finding)
    {
        var kind = finding.Kind == FindingKind.NeutralisedByBpa
            ? $"NeutralisedByBpa<-{finding.NeutralisedKind}"
            : finding.Kind.ToString();
        var evidence = finding.Source switch
        {
            FindingSource.BucketPolicy =>
                $"stmt#{finding.StatementIndex}{Sid(finding.StatementId)} {finding.Principal} {Actions(finding)}",
            FindingSource.BucketAcl => $"acl {Group(finding.Principal)} {Actions(finding)}",
            _ => "status",
        };
        return $"{kind} {evidence}";
    }

    private static string Sid(string? sid) => sid is null ? string.Empty : $"({sid})";

    private static string Actions(Finding finding) => string.Join(",", finding.Actions);

    private static string Group(string? grantee) => grantee is null ? "?" : grantee[(grantee.LastIndexOf('/') + 1)..];
}
