using System.Globalization;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>Writes the one-line reason of a verdict, naming the grant or the missing permissions.</summary>
internal static class VerdictReason
{
    public static string Describe(AccessVerdict verdict, IReadOnlyList<Finding> findings,
        IReadOnlyList<EvidenceGap> gaps, BucketEvidence evidence, bool? aclApplies)
    {
        var inForce = findings.Where(IsPublicKind).ToList();
        var neutralised = findings.Count(f => f.Kind == FindingKind.NeutralisedByBpa);
        var missing = string.Join("; ", gaps.Select(g => g.Description));
        return verdict switch
        {
            AccessVerdict.Public => Invariant($"PUBLIC: {Grant(inForce[0])}{More(inForce.Count)}"),
            AccessVerdict.NotPublic when neutralised > 0 => Invariant(
                $"NOT_PUBLIC: {neutralised} public grant(s) neutralised by Block Public Access"),
            AccessVerdict.NotPublic when aclApplies == false && HasPublicGroupGrant(evidence) =>
                "NOT_PUBLIC: no public policy statement; the ACL's public grants are disabled by BucketOwnerEnforced",
            AccessVerdict.NotPublic => "NOT_PUBLIC: no public policy statement and no public ACL grant",
            _ when inForce.Count > 0 => Invariant(
                $"UNKNOWN: {Grant(inForce[0])}, but whether it is in force cannot be told: {missing}"),
            _ => $"UNKNOWN: cannot rule out public access: {missing}",
        };
    }

    private static bool IsPublicKind(Finding finding) => finding.Kind is FindingKind.PublicRead
        or FindingKind.PublicList or FindingKind.PublicWrite or FindingKind.PublicOther
        or FindingKind.PublicPerPolicyStatus or FindingKind.PublicAclRead or FindingKind.PublicAclWrite
        or FindingKind.AnyAuthenticatedAwsAccount;

    private static bool HasPublicGroupGrant(BucketEvidence evidence) =>
        evidence.Acl.Value is { } grants && AclReader.PublicGrants(grants).Count > 0;

    private static string Grant(Finding finding) => finding.Source switch
    {
        FindingSource.BucketPolicy => Invariant(
            $"policy statement #{finding.StatementIndex}{Sid(finding.StatementId)} allows {finding.Principal} {
                string.Join(",", finding.Actions)} ({finding.Rule})"),
        FindingSource.BucketAcl => finding.Rule,
        _ => finding.Rule,
    };

    private static string Sid(string? sid) => sid is null ? string.Empty : $" (Sid \"{sid}\")";

    private static string More(int count) => count > 1 ? Invariant($" (+{count - 1} more finding(s))") : string.Empty;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
