using System.Globalization;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// S3's definition of "public" applied to the evidence read about one bucket. Pure: no I/O, no clock,
/// safe to call from many threads.
/// <list type="bullet">
/// <item>Policy: public when an Allow statement reaches everyone unpinned (<see cref="PolicyReader"/>), or
/// when S3's GetBucketPolicyStatus says so (the more cautious of the two readings wins; a disagreement
/// marks the bucket for review and keeps both values). A policy status of 404 gives no opinion.</item>
/// <item>Policy parts that cannot be read (invalid JSON, an element of an unexpected type, a duplicated
/// key; see <see cref="PolicyReader"/>) are one gap on s3:GetBucketPolicy naming each part. The gap never
/// hides what readable statements prove: PUBLIC still holds when one of them is public, with the gap kept;
/// otherwise the policy's reading is unknown and the bucket cannot be NOT_PUBLIC.</item>
/// <item>ACL: public when it grants anything to AllUsers or AuthenticatedUsers, unless Object Ownership is
/// BucketOwnerEnforced (ACLs disabled; an absent setting means ObjectWriter, so ACLs apply).</item>
/// <item>Block Public Access: each flag is the OR of account and bucket level. RestrictPublicBuckets
/// neutralises a public policy and IgnorePublicAcls a public ACL; BlockPublicAcls and BlockPublicPolicy
/// only stop future writes and do not change the verdict. A flag that could not be read at either level
/// is unknown unless the other level already sets it.</item>
/// <item>Verdict: PUBLIC when some source proves access that is in force (a denied read cannot hide it);
/// NOT_PUBLIC only when every read succeeded; otherwise UNKNOWN naming the missing permissions. Every
/// read counts, including policy status and ownership, so a misconfigured audit role is never mistaken
/// for a private bucket.</item>
/// </list>
/// </summary>
public static class PublicAccessRules
{
    private const string BucketOwnerEnforced = "BucketOwnerEnforced";
    private const int MaxProblemsShown = 5;

    public static BucketVerdict Evaluate(BucketEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);

        var gaps = new List<EvidenceGap>();
        AddGap(gaps, evidence.AccountBlock);
        AddGap(gaps, evidence.BucketBlock);
        AddGap(gaps, evidence.PolicyJson);
        AddGap(gaps, evidence.PolicyStatusIsPublic);
        AddGap(gaps, evidence.Acl);
        AddGap(gaps, evidence.ObjectOwnership);

        var block = EffectiveBlock.Combine(evidence.AccountBlock, evidence.BucketBlock);
        var reading = ReadPolicy(evidence, gaps);
        bool? ours = evidence.PolicyJson.Status == ReadStatus.Absent ? false : reading?.IsPublicByRules;
        bool? s3Says = evidence.PolicyStatusIsPublic.Status == ReadStatus.Present
            ? evidence.PolicyStatusIsPublic.Value
            : null;
        var policyPublic = s3Says == true ? true : ours;

        var aclApplies = AclApplies(evidence.ObjectOwnership);
        var aclGrants = evidence.Acl.Status == ReadStatus.Present
            ? AclReader.PublicGrants(evidence.Acl.Value ?? [])
            : [];
        bool? aclPublic = evidence.Acl.Status switch
        {
            ReadStatus.Present => aclGrants.Count > 0,
            ReadStatus.Absent => false,
            _ => null,
        };

        var policyInForce = Kleene.And(policyPublic, Kleene.Not(block.RestrictPublicBuckets));
        var aclInForce = Kleene.And(aclPublic, Kleene.And(aclApplies, Kleene.Not(block.IgnorePublicAcls)));
        var exposed = Kleene.Or(policyInForce, aclInForce);

        var findings = new List<Finding>();
        AddPolicyFindings(findings, reading, ours, s3Says, block);
        if (aclApplies != false)
        {
            foreach (var grant in aclGrants)
            {
                findings.Add(block.IgnorePublicAcls == true ? Neutralised(grant, block.IgnoreLevel) : grant);
            }
        }

        string? review = null;
        if (ours is { } mine && s3Says is { } theirs && mine != theirs)
        {
            var ourReading = mine ? "public" : "not public";
            review = string.Create(CultureInfo.InvariantCulture,
                $"GetBucketPolicyStatus says IsPublic={theirs} but the policy rules find it {ourReading}");
            findings.Add(new Finding(FindingKind.PolicyStatusDisagreement, FindingSeverity.Medium,
                FindingSource.PolicyStatus, null, null, null, [], review));
        }

        var verdict = exposed == true ? AccessVerdict.Public
            : exposed == false && gaps.Count == 0 ? AccessVerdict.NotPublic
            : AccessVerdict.Unknown;
        var reason = VerdictReason.Describe(verdict, findings, gaps, evidence, aclApplies);
        return new BucketVerdict(evidence.BucketName, evidence.Region, verdict, reason, findings, gaps,
            review is not null, review, ours, s3Says);
    }

    private static PolicyReading? ReadPolicy(BucketEvidence evidence, List<EvidenceGap> gaps)
    {
        var policy = evidence.PolicyJson;
        if (policy.Status != ReadStatus.Present)
        {
            return null;
        }

        var reading = PolicyReader.Read(policy.Value ?? string.Empty, evidence.OwnerAccountId);
        if (reading.Problems.Count > 0)
        {
            gaps.Add(new EvidenceGap(policy.Permission, ReadStatus.Failed,
                $"{policy.Permission} returned a policy that cannot be read: {Summarise(reading.Problems)}"));
        }

        return reading;
    }

    private static string Summarise(IReadOnlyList<string> problems)
    {
        var shown = string.Join("; ", problems.Take(MaxProblemsShown));
        return problems.Count > MaxProblemsShown
            ? string.Create(CultureInfo.InvariantCulture, $"{shown} (+{problems.Count - MaxProblemsShown} more)")
            : shown;
    }

    private static void AddPolicyFindings(
        List<Finding> findings, PolicyReading? reading, bool? ours, bool? s3Says, EffectiveBlock block)
    {
        var neutralise = block.RestrictPublicBuckets == true;
        foreach (var grant in reading?.PublicGrants ?? [])
        {
            foreach (var (kind, severity) in KindsOf(grant.Classes))
            {
                var finding = new Finding(kind, severity, FindingSource.BucketPolicy, grant.Index, grant.Sid,
                    grant.Principal, grant.Actions, grant.Rule);
                findings.Add(neutralise ? Neutralised(finding, block.RestrictLevel) : finding);
            }
        }

        if (ours != true && s3Says == true)
        {
            var rule = ours is null
                ? "GetBucketPolicyStatus reports the policy public; the policy itself could not be read"
                : "GetBucketPolicyStatus reports the policy public although the rules find no public statement";
            var finding = new Finding(FindingKind.PublicPerPolicyStatus, FindingSeverity.High,
                FindingSource.PolicyStatus, null, null, null, [], rule);
            findings.Add(neutralise ? Neutralised(finding, block.RestrictLevel) : finding);
        }

        findings.AddRange(reading?.Limited ?? []);
    }

    private static IEnumerable<(FindingKind Kind, FindingSeverity Severity)> KindsOf(AccessClasses classes)
    {
        if (classes.HasFlag(AccessClasses.Write))
        {
            yield return (FindingKind.PublicWrite, FindingSeverity.Critical);
        }

        if (classes.HasFlag(AccessClasses.Read))
        {
            yield return (FindingKind.PublicRead, FindingSeverity.High);
        }

        if (classes.HasFlag(AccessClasses.List))
        {
            yield return (FindingKind.PublicList, FindingSeverity.High);
        }

        if (classes.HasFlag(AccessClasses.Other))
        {
            yield return (FindingKind.PublicOther, FindingSeverity.Medium);
        }
    }

    private static Finding Neutralised(Finding finding, string setting) =>
        finding with
        {
            Kind = FindingKind.NeutralisedByBpa,
            Severity = FindingSeverity.Medium,
            NeutralisedKind = finding.Kind,
            Rule = $"{finding.Rule}; neutralised by {setting}, public again if that setting is turned off",
        };

    private static bool? AclApplies(S3Read<string> ownership) => ownership.Status switch
    {
        ReadStatus.Present => !string.Equals(ownership.Value, BucketOwnerEnforced, StringComparison.OrdinalIgnoreCase),
        ReadStatus.Absent => true,
        _ => null,
    };

    private static void AddGap<T>(List<EvidenceGap> gaps, S3Read<T> read)
    {
        if (read.Status == ReadStatus.Denied)
        {
            var detail = read.Detail is null ? string.Empty : $": {read.Detail}";
            gaps.Add(new EvidenceGap(read.Permission, read.Status, $"{read.Permission} denied (403){detail}"));
        }
        else if (read.Status == ReadStatus.Failed)
        {
            gaps.Add(new EvidenceGap(read.Permission, read.Status,
                $"{read.Permission} failed: {read.Detail ?? "no detail given"}"));
        }
    }
}
