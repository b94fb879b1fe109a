using AgentWorkflows.Activities.Verdicts;
using Xunit;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>
/// Policies the reader cannot read with certainty: elements of an unexpected type, duplicated keys, broken
/// or hostile JSON. Each must come out UNKNOWN with an s3:GetBucketPolicy gap that says which part could
/// not be read, or PUBLIC when a readable statement already proves it; never NOT_PUBLIC, and never a throw.
/// </summary>
public sealed class PolicyReadabilityTests
{
    private const string Policy = "s3:GetBucketPolicy";
    private const string Get = "\"Action\":\"s3:GetObject\"";
    private const string PublicStatement = """{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""";

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":"*"}""", "policy: Statement is a string")]
    [InlineData("""{"Version":"2012-10-17","Statement":1}""", "policy: Statement is a number")]
    [InlineData("""{"Statement":["Allow * s3:GetObject"]}""", "statement #0 is a string, expected an object")]
    [InlineData("""{"Version":20121017,"Statement":[]}""", "policy: Version is a number")]
    [InlineData("""{"Id":["x"],"Statement":[]}""", "policy: Id is an array")]
    [InlineData("""{"Statement":[{"Sid":7,"Effect":"Deny","Principal":"*",""" + Get + "}]}",
        "statement #0: Sid is a number")]
    [InlineData("""{"Statement":[{"Effect":["Allow"],"Principal":"*",""" + Get + "}]}",
        "statement #0: Effect is an array")]
    [InlineData("""{"Statement":[{"Effect":"Permit","Principal":"*",""" + Get + "}]}",
        "statement #0: Effect \"Permit\" is neither")]
    [InlineData("""{"Statement":[{"Principal":"*",""" + Get + "}]}", "statement #0: Effect is missing")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":1,""" + Get + "}]}",
        "statement #0: Principal is a number")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":["*"],""" + Get + "}]}",
        "statement #0: Principal is an array")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::444455556666:root",""" + Get + "}]}",
        "statement #0: Principal is the string \"arn:aws:iam::444455556666:root\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":{"x":"*"}},""" + Get + "}]}",
        "statement #0: Principal.AWS is an object")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*",1]},""" + Get + "}]}",
        "statement #0: Principal.AWS[1] is a number")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Everyone":"*"},""" + Get + "}]}",
        "statement #0 Principal: unknown element \"Everyone\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","NotPrincipal":true,""" + Get + "}]}",
        "statement #0: NotPrincipal is a boolean")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","NotPrincipal":{"AWS":"1"},""" + Get + "}]}",
        "statement #0: both Principal and NotPrincipal are given")]
    [InlineData("""{"Statement":[{"Effect":"Allow",""" + Get + "}]}",
        "statement #0: neither Principal nor NotPrincipal is given")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":7}]}""",
        "statement #0: Action is a number")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":[{"s3":"GetObject"}]}]}""",
        "statement #0: Action[0] is an object")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":{"s3":"*"}}]}""",
        "statement #0: NotAction is an object")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*"}]}""",
        "statement #0: neither Action nor NotAction is given")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Resource":5}]}""",
        "statement #0: Resource is a number")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","NotResource":[null]}]}""",
        "statement #0: NotResource[0] is null")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Principle":"*"}]}""",
        "statement #0: unknown element \"Principle\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Condition":[1]}]}""",
        "statement #0: Condition is an array")]
    [InlineData(
        """{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Condition":{"StringEquals":"x"}}]}""",
        "statement #0: Condition operator \"StringEquals\" is a string")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get +
        ""","Condition":{"StringEquals":{"aws:SourceVpce":null}}}]}""",
        "statement #0: Condition \"StringEquals\" key \"aws:SourceVpce\" is null")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get +
        ""","Condition":{"StringEquals":{"aws:SourceVpce":{"v":"vpce-1"}}}}]}""",
        "statement #0: Condition \"StringEquals\" key \"aws:SourceVpce\" is an object")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get +
        ""","Condition":{"StringEquals":{"aws:SourceVpce":[["vpce-1"]]}}}]}""",
        "statement #0: Condition \"StringEquals\" key \"aws:SourceVpce\" item 0 is an array")]
    public void Evaluate_PolicyElementOfUnexpectedType_IsUnknownNamingTheElement(string policy, string named)
    {
        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        AssertUnknownWithPolicyGap(verdict, named);
    }

    [Theory]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},""" +
        "\"Principal\":\"*\"," + Get + "}]}", "statement #0: duplicate key \"Principal\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"principal":"*",""" +
        Get + "}]}", "statement #0: duplicate key \"principal\" (already given as \"Principal\")")]
    [InlineData("""{"Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*",""" + Get + "}]}",
        "statement #0: duplicate key \"Effect\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:PutObject",""" + Get + "}]}",
        "statement #0: duplicate key \"Action\"")]
    [InlineData("""{"Version":"2012-10-17","VERSION":"2008-10-17","Statement":[]}""",
        "policy: duplicate key \"VERSION\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333","aws":"*"},""" + Get + "}]}",
        "statement #0 Principal: duplicate key \"aws\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Condition":""" +
        """{"StringEquals":{"aws:SourceVpce":"vpce-1"},"StringEquals":{"aws:Referer":"x"}}}]}""",
        "statement #0 Condition: duplicate key \"StringEquals\"")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get + ""","Condition":""" +
        """{"StringEquals":{"aws:SourceVpce":"vpce-1","AWS:SOURCEVPCE":"vpce-*"}}}]}""",
        "statement #0 Condition \"StringEquals\": duplicate key \"AWS:SOURCEVPCE\"")]
    public void Evaluate_PolicyWithDuplicateKey_IsUnknownNamingTheKey(string policy, string named)
    {
        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        AssertUnknownWithPolicyGap(verdict, named);
    }

    [Theory]
    [InlineData("{\"Statement\":[" + PublicStatement + ",{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"1\"}," +
        "\"Principal\":\"*\"," + Get + "}]}", "statement #1: duplicate key \"Principal\"")]
    [InlineData("{\"Statement\":[" + PublicStatement + ",{\"Effect\":\"Allow\",\"Principal\":1," + Get + "}]}",
        "statement #1: Principal is a number")]
    [InlineData("{\"Statement\":[" + PublicStatement + "],\"Statement\":[]}", "policy: duplicate key \"Statement\"")]
    [InlineData("{\"Statement\":[],\"Statement\":[" + PublicStatement + "]}", "policy: duplicate key \"Statement\"")]
    public void Evaluate_UnreadablePartBesideReadablePublicStatement_PublicWithGap(string policy, string named)
    {
        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.True(verdict.PolicyIsPublicByRules);
        Assert.Contains(verdict.Findings, f => f.Kind == FindingKind.PublicRead);
        var gap = Assert.Single(verdict.Gaps);
        Assert.Equal(Policy, gap.Permission);
        Assert.Contains(named, gap.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("[]", "the policy is an array, expected an object")]
    [InlineData("null", "the policy is null, expected an object")]
    [InlineData("{}", "the policy has no Statement element")]
    [InlineData("\uFEFF{\"Statement\":[" + PublicStatement + "]}", "not valid JSON")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*" """, "not valid JSON")]
    public void Evaluate_BrokenPolicyText_IsUnknownWithPolicyGap(string policy, string named)
    {
        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        AssertUnknownWithPolicyGap(verdict, named);
    }

    // In code, not InlineData: a lone surrogate in attribute data reaches the test already replaced.
    [Fact]
    public void Evaluate_LoneSurrogateInPolicyText_IsUnknownWithoutThrowing()
    {
        var policy = "{\"Statement\":[{\"Sid\":\"\uD800\",\"Effect\":\"Allow\",\"Principal\":\"*\"," + Get + "}]}";

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        AssertUnknownWithPolicyGap(verdict, "the policy text cannot be decoded");
    }

    [Fact]
    public void Evaluate_EmptyConditionValueList_PublicBecauseNothingPins()
    {
        var policy = """{"Statement":[{"Effect":"Allow","Principal":"*",""" + Get +
            ""","Condition":{"StringEquals":{"aws:SourceVpce":[]}}}]}""";

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Empty(verdict.Gaps);
    }

    [Fact]
    public void Evaluate_PolicyUsingEveryElementInDocumentedForm_NotPublicWithoutGap()
    {
        const string policy = """
            {"Version": "2012-10-17", "Id": "audit-check",
             "Statement": [
               {"Sid": "Pinned", "Effect": "Allow", "Principal": {"AWS": ["*"], "Service": "s3.amazonaws.com"},
                "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::example-bucket/*",
                "Condition": {"StringEquals": {"aws:SourceAccount": 111122223333},
                              "Bool": {"aws:SecureTransport": true}}},
               {"Effect": "deny", "NotPrincipal": {"CanonicalUser": "79a59df9", "Federated": ["cognito"]},
                "NotAction": "s3:GetObject", "NotResource": ["arn:aws:s3:::other"]}]}
            """;

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        Assert.Equal(AccessVerdict.NotPublic, verdict.Verdict);
        Assert.Empty(verdict.Gaps);
        Assert.False(verdict.PolicyIsPublicByRules);
    }

    [Fact]
    public void Evaluate_ManyUnreadableStatements_GapShowsFirstFiveAndCountsTheRest()
    {
        var policy = "{\"Statement\":[" + string.Join(",", Enumerable.Repeat("1", 8)) + "]}";

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        var gap = AssertUnknownWithPolicyGap(verdict, "statement #4 is a number");
        Assert.DoesNotContain("statement #5", gap.Description, StringComparison.Ordinal);
        Assert.EndsWith("(+3 more)", gap.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeeplyNestedPolicy_IsUnknownWithPolicyGap()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":" + deep + "}]}";

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        AssertUnknownWithPolicyGap(verdict, "not valid JSON");
    }

    [Fact]
    public void Evaluate_HugePolicyWithOnePublicStatementAtTheEnd_Public()
    {
        var statements = Enumerable.Range(0, 5000).Select(i =>
            $$"""{"Sid":"s{{i}}","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket"}""").ToList();
        statements.Add(PublicStatement);
        var policy = "{\"Statement\":[" + string.Join(",", statements) + "]}";

        var verdict = PublicAccessRules.Evaluate(Clean().Policy(policy).Build());

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
        Assert.Empty(verdict.Gaps);
    }

    private static EvidenceGap AssertUnknownWithPolicyGap(BucketVerdict verdict, string named)
    {
        Assert.Equal(AccessVerdict.Unknown, verdict.Verdict);
        Assert.Null(verdict.PolicyIsPublicByRules);
        var gap = Assert.Single(verdict.Gaps);
        Assert.Equal(Policy, gap.Permission);
        Assert.Equal(ReadStatus.Failed, gap.Status);
        Assert.Contains(named, gap.Description, StringComparison.Ordinal);
        Assert.Contains(named, verdict.Reason, StringComparison.Ordinal);
        return gap;
    }
}
