using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Breakers;

/// <summary>
/// Hostile or odd bucket policies. The verdict engine must answer PUBLIC or UNKNOWN for a policy it cannot
/// read with certainty, never NOT_PUBLIC, and must never throw.
/// </summary>
public sealed class PolicyVerdictBreakerTests
{
    private const string Owner = "111122223333";

    [Theory]
    [InlineData("statement-is-string", """{"Version":"2012-10-17","Statement":"*"}""")]
    [InlineData("statement-is-number", """{"Version":"2012-10-17","Statement":1}""")]
    [InlineData("statement-item-string", """{"Statement":["Allow * s3:GetObject"]}""")]
    [InlineData("effect-array", """{"Statement":[{"Effect":["Allow"],"Principal":"*","Action":"s3:GetObject"}]}""")]
    [InlineData("principal-number", """{"Statement":[{"Effect":"Allow","Principal":1,"Action":"s3:GetObject"}]}""")]
    [InlineData("principal-array", """{"Statement":[{"Effect":"Allow","Principal":["*"],"Action":"s3:GetObject"}]}""")]
    [InlineData("principal-aws-object",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":{"x":"*"}},"Action":"s3:GetObject"}]}""")]
    [InlineData("dup-principal",
        """{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Principal":"*","Action":"s3:GetObject"}]}""")]
    [InlineData("dup-statement",
        """{"Statement":[],"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""")]
    [InlineData("dup-effect",
        """{"Statement":[{"Effect":"Deny","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""")]
    public void Evaluate_UnreadablePolicy_NeverNotPublic(string label, string policy)
    {
        var verdict = PublicAccessRules.Evaluate(Evidence(policy));

        Assert.True(verdict.Verdict != AccessVerdict.NotPublic,
            $"{label}: got NOT_PUBLIC for a policy the reader could not interpret: {verdict.Reason}");
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("root-array", "[]")]
    [InlineData("root-null", "null")]
    [InlineData("truncated", """{"Statement":[{"Effect":"Allow","Principal":"*" """)]
    [InlineData("bom", "\uFEFF{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}")]
    [InlineData("lone-surrogate", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"\uD800\"}]}")]
    [InlineData("condition-array",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":[1]}]}""")]
    [InlineData("condition-null-values",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceVpce":null}}}]}""")]
    [InlineData("condition-empty-list",
        """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Condition":{"StringEquals":{"aws:SourceVpce":[]}}}]}""")]
    public void Evaluate_OddPolicy_DoesNotThrowAndIsNotNotPublic(string label, string policy)
    {
        var verdict = PublicAccessRules.Evaluate(Evidence(policy));

        Assert.True(verdict.Verdict != AccessVerdict.NotPublic, $"{label}: {verdict.Verdict} {verdict.Reason}");
    }

    [Fact]
    public void Evaluate_DeeplyNestedPolicy_Unknown()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":" + deep + "}]}";

        var verdict = PublicAccessRules.Evaluate(Evidence(policy));

        Assert.Equal(AccessVerdict.Unknown, verdict.Verdict);
    }

    [Fact]
    public void Evaluate_HugePolicyWithOnePublicStatementAtTheEnd_Public()
    {
        var statements = Enumerable.Range(0, 5000).Select(i =>
            $$"""{"Sid":"s{{i}}","Effect":"Deny","Principal":"*","Action":"s3:DeleteBucket"}""").ToList();
        statements.Add("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""");
        var policy = "{\"Statement\":[" + string.Join(",", statements) + "]}";

        var verdict = PublicAccessRules.Evaluate(Evidence(policy));

        Assert.Equal(AccessVerdict.Public, verdict.Verdict);
    }

    private static BucketEvidence Evidence(string policy) =>
        new("example-bucket", "us-east-1", Owner,
            S3Read<PublicAccessBlockFlags>.None("s3:GetAccountPublicAccessBlock"),
            S3Read<PublicAccessBlockFlags>.None("s3:GetBucketPublicAccessBlock"),
            S3Read<string>.Found(policy, "s3:GetBucketPolicy"),
            S3Read<bool>.Found(false, "s3:GetBucketPolicyStatus"),
            S3Read<IReadOnlyList<AclGrant>>.Found([], "s3:GetBucketAcl"),
            S3Read<string>.Found("BucketOwnerEnforced", "s3:GetBucketOwnershipControls"));
}
