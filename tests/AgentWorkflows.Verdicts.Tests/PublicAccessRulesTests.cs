using System.Text.Json;
using AgentWorkflows.Activities.Verdicts;
using Xunit;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;
using static AgentWorkflows.Verdicts.Tests.Policies;

namespace AgentWorkflows.Verdicts.Tests;

public sealed class PublicAccessRulesTests
{
    private static readonly Dictionary<string, VerdictCase> Cases = FieldCases.All()
        .Concat(PolicyRuleCases.All())
        .Concat(AclAndBpaCases.All())
        .Concat(GapCases.All())
        .ToDictionary(c => c.Id, StringComparer.Ordinal);

    public static TheoryData<string> FieldCaseIds => [.. FieldCases.All().Select(c => c.Id)];

    public static TheoryData<string> RuleCaseIds =>
        [.. PolicyRuleCases.All().Concat(AclAndBpaCases.All()).Concat(GapCases.All()).Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(FieldCaseIds))]
    public void Evaluate_FieldCase_MatchesCaseFile(string caseId) => AssertCase(Cases[caseId]);

    [Theory]
    [MemberData(nameof(RuleCaseIds))]
    public void Evaluate_RuleCase_MatchesTable(string caseId) => AssertCase(Cases[caseId]);

    [Fact]
    public void Evaluate_TableIds_AreUnique()
    {
        var ids = FieldCases.All().Concat(PolicyRuleCases.All()).Concat(AclAndBpaCases.All())
            .Concat(GapCases.All()).Select(c => c.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Evaluate_TwoDeniedReads_ReasonAndGapsNameBothPermissions()
    {
        var verdict = PublicAccessRules.Evaluate(Clean().PolicyDenied().AclDenied().Build("bucket-b"));

        Assert.Equal(
            ["s3:GetBucketPolicy denied (403): AccessDenied", "s3:GetBucketAcl denied (403): AccessDenied"],
            verdict.Gaps.Select(g => g.Description));
        Assert.StartsWith("UNKNOWN:", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("s3:GetBucketPolicy denied (403)", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("s3:GetBucketAcl denied (403)", verdict.Reason, StringComparison.Ordinal);
        Assert.Equal("bucket-b", verdict.BucketName);
        Assert.Equal("us-east-1", verdict.Region);
    }

    [Fact]
    public void Evaluate_FailedRead_GapNamesCallAndDetail()
    {
        var evidence = Clean().OwnershipFailed("InternalError: We encountered an error").Build();

        var verdict = PublicAccessRules.Evaluate(evidence);

        var gap = Assert.Single(verdict.Gaps);
        Assert.Equal(ReadStatus.Failed, gap.Status);
        Assert.Equal("s3:GetBucketOwnershipControls failed: InternalError: We encountered an error", gap.Description);
    }

    [Fact]
    public void Evaluate_PublicPolicy_ReasonNamesStatementPrincipalAndAction()
    {
        var verdict = PublicAccessRules.Evaluate(
            Clean().Policy(Doc(Allow("\"*\"", "\"s3:GetObject\"", sid: "PublicReadGetObject"))).Build());

        Assert.Equal(
            "PUBLIC: policy statement #0 (Sid \"PublicReadGetObject\") allows * s3:GetObject " +
            "(wildcard principal without any condition)",
            verdict.Reason);
    }

    [Fact]
    public void Evaluate_PinnedStatement_RuleNamesThePinningCondition()
    {
        var verdict = PublicAccessRules.Evaluate(Cases["S1"].Evidence);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(FindingSeverity.Low, finding.Severity);
        Assert.Contains("StringEquals aws:sourcevpce = \"vpce-0123456789abcdef0\"", finding.Rule,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NeutralisedPolicy_NamesSettingAndLevel()
    {
        var verdict = PublicAccessRules.Evaluate(Cases["Bpa_AccountRestrictPublicBuckets_Neutralises"].Evidence);

        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(FindingKind.PublicRead, finding.NeutralisedKind);
        Assert.Contains("RestrictPublicBuckets (account level)", finding.Rule, StringComparison.Ordinal);
        Assert.Equal("NOT_PUBLIC: 1 public grant(s) neutralised by Block Public Access", verdict.Reason);
    }

    [Fact]
    public void Evaluate_StatusDisagrees_KeepsBothValuesAndMarksReview()
    {
        var verdict = PublicAccessRules.Evaluate(Cases["Status_RulesSayPublicS3DoesNot_PublicAndReview"].Evidence);

        Assert.True(verdict.NeedsReview);
        Assert.True(verdict.PolicyIsPublicByRules);
        Assert.False(verdict.PolicyStatusIsPublic);
        Assert.Equal("GetBucketPolicyStatus says IsPublic=False but the policy rules find it public",
            verdict.ReviewReason);
    }

    [Fact]
    public void Evaluate_StatusAgrees_NoReview()
    {
        var verdict = PublicAccessRules.Evaluate(Cases["Status_AgreesPublic_Public"].Evidence);

        Assert.False(verdict.NeedsReview);
        Assert.Null(verdict.ReviewReason);
        Assert.True(verdict.PolicyStatusIsPublic);
    }

    [Fact]
    public void Serialize_Verdict_WritesStableStrings()
    {
        var verdict = PublicAccessRules.Evaluate(Cases["S1"].Evidence);

        var json = JsonSerializer.Serialize(verdict);

        Assert.Contains("\"verdict\":\"NOT_PUBLIC\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"CrossAccountLimited\"", json, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"Low\"", json, StringComparison.Ordinal);
        Assert.Contains("\"source\":\"BucketPolicy\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S2", "PUBLIC")]
    [InlineData("S8B", "UNKNOWN")]
    public void Serialize_VerdictRoundTrip_KeepsEverything(string caseId, string verdictText)
    {
        var verdict = PublicAccessRules.Evaluate(Cases[caseId].Evidence);

        var json = JsonSerializer.Serialize(verdict);
        var back = JsonSerializer.Deserialize<BucketVerdict>(json)!;

        Assert.Contains($"\"verdict\":\"{verdictText}\"", json, StringComparison.Ordinal);
        Assert.Equal(verdict.Verdict, back.Verdict);
        Assert.Equal(verdict.Reason, back.Reason);
        Assert.Equal(verdict.Findings.Select(FindingText.Of), back.Findings.Select(FindingText.Of));
        Assert.Equal(verdict.Gaps, back.Gaps);
    }

    [Fact]
    public void Evaluate_TenThousandBuckets_EachGetsItsOwnVerdict()
    {
        var evidence = Enumerable.Range(0, 10_000)
            .Select(i => Cases[i % 2 == 0 ? "S3" : "S1"].Evidence with { BucketName = $"bucket-{i}" })
            .ToList();

        var verdicts = evidence.AsParallel().AsOrdered().Select(PublicAccessRules.Evaluate).ToList();

        Assert.Equal(5_000, verdicts.Count(v => v.Verdict == AccessVerdict.Public));
        Assert.Equal(5_000, verdicts.Count(v => v.Verdict == AccessVerdict.NotPublic));
        Assert.Equal("bucket-9999", verdicts[^1].BucketName);
    }

    private static void AssertCase(VerdictCase row)
    {
        var verdict = PublicAccessRules.Evaluate(row.Evidence);

        Assert.Equal(row.Verdict, verdict.Verdict);
        Assert.Equal(row.Findings.Order(StringComparer.Ordinal), verdict.Findings.Select(FindingText.Of)
            .Order(StringComparer.Ordinal));
        Assert.Equal(row.Gaps ?? [], verdict.Gaps.Select(g => g.Permission));
    }
}
