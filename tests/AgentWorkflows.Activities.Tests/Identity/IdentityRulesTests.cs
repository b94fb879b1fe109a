using AgentWorkflows.Activities.Identity;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

public sealed class IdentityRulesTests
{
    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/AuditRole", "AuditRole")]
    [InlineData("arn:aws:iam::111122223333:role/team/audit/AuditRole", "AuditRole")]
    [InlineData("arn:aws-us-gov:iam::111122223333:role/R", "R")]
    public void RoleNameOf_RoleArn_ReturnsNameAfterPath(string arn, string expected)
    {
        Assert.Equal(expected, IdentityRules.RoleNameOf(arn));
    }

    [Theory]
    [InlineData("arn:aws:iam::1111:role/AuditRole")]
    [InlineData("arn:aws:iam::111122223333:user/Alice")]
    [InlineData("AuditRole")]
    public void RoleNameOf_Malformed_FailsNonRetryableNamingTheValue(string arn)
    {
        var failure = Assert.Throws<ApplicationFailureException>(() => IdentityRules.RoleNameOf(arn));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains($"'{arn}'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent[bot]/s3-audit")]
    [InlineData("x")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234567890")]
    public void CheckSessionName_FieldCaseI1_IsRejectedWithThePattern(string name)
    {
        var failure = Assert.Throws<ApplicationFailureException>(() => IdentityRules.CheckSessionName(name));

        Assert.Contains(@"[\w+=,.@-]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("2 to 64", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAssumeRole_FieldCaseI2ShortDuration_IsRejected()
    {
        var input = new AssumeRoleInput(
            "arn:aws:iam::111122223333:role/AuditRole", "aw-run-1", "agent-7", 600, new Dictionary<string, string>());

        var failure = Assert.Throws<ApplicationFailureException>(() => IdentityRules.CheckAssumeRole(input));

        Assert.Contains("600 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains("900", failure.Message, StringComparison.Ordinal);
    }
}
