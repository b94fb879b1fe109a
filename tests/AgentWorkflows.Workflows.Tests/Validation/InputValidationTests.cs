using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Validation;

public sealed class InputValidationTests
{
    private static readonly S3AuditInput Valid = new(
        "111122223333",
        "arn:aws:iam::111122223333:role/audit/team/S3Auditor",
        "agent-7",
        new ReportDestination(Bucket: "example-audit-reports", KeyPrefix: "s3-audit/"));

    [Theory]
    [InlineData("arn:aws:iam::111122223333:role/S3Auditor")]
    [InlineData("arn:aws-us-gov:iam::111122223333:role/S3Auditor")]
    [InlineData("arn:aws-cn:iam::111122223333:role/service-role/a/b/S3Auditor+=,.@-_")]
    public void Validate_GoodRoleArn_NoViolation(string roleArn)
    {
        Assert.Empty(InputValidation.Validate(Valid with { RoleArn = roleArn }));
    }

    [Fact]
    public void Validate_ValidInputWithOptionalFields_NoViolation()
    {
        var input = Valid with
        {
            ExternalId = "tenant:42/a=b",
            SessionDurationSeconds = 3600,
            BucketPrefix = "prod-",
            RoleSessionName = "agent-7@nightly",
            Report = new ReportDestination(LocalDirectory: "/var/reports"),
        };

        Assert.Empty(InputValidation.Validate(input));
    }

    [Theory]
    [InlineData("11112222333")]
    [InlineData("1111222233334")]
    [InlineData("11112222333a")]
    public void Validate_AccountNotTwelveDigits_NamesTheRule(string account)
    {
        var violations = InputValidation.Validate(Valid with { AccountId = account });

        Assert.Contains(violations, v => v.Contains($"accountId '{account}'", StringComparison.Ordinal) &&
            v.Contains("exactly 12 digits", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:user/S3Auditor")]
    [InlineData("arn:aws:sts::111122223333:role/S3Auditor")]
    [InlineData("arn:aws-fake:iam::111122223333:role/S3Auditor")]
    [InlineData("arn:aws:iam::111122223333:role/")]
    [InlineData("S3Auditor")]
    public void Validate_MalformedRoleArn_NamesTheShape(string roleArn)
    {
        var violations = InputValidation.Validate(Valid with { RoleArn = roleArn });

        var violation = Assert.Single(violations);
        Assert.Contains($"roleArn '{roleArn}' is not an IAM role ARN", violation, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::<12-digit account>:role/", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RoleInAnotherAccount_Rejected()
    {
        var violations = InputValidation.Validate(Valid with { RoleArn = "arn:aws:iam::444455556666:role/S3Auditor" });

        var violation = Assert.Single(violations);
        Assert.Contains("belongs to account 444455556666", violation, StringComparison.Ordinal);
        Assert.Contains("accountId is '111122223333'", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrowIfInvalid_Duration600_NonRetryableInvalidInputNamingTheMinimum()
    {
        var failure = Assert.Throws<ApplicationFailureException>(
            () => InputValidation.ThrowIfInvalid(Valid with { SessionDurationSeconds = 600 }));

        Assert.Equal(ErrorTypes.InvalidInput, failure.ErrorType);
        Assert.True(failure.NonRetryable);
        Assert.Contains(
            "sessionDurationSeconds 600 is below the 900 s minimum of AssumeRole", failure.Message,
                StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Duration7200_SaysWeMayBeChainingRoles()
    {
        var violation = Assert.Single(InputValidation.Validate(Valid with { SessionDurationSeconds = 7200 }));

        Assert.Contains("sessionDurationSeconds 7200", violation, StringComparison.Ordinal);
        Assert.Contains(
            "we may be chaining roles, where AWS caps sessions at 3600 s", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionSeconds_Absent_Defaults900()
    {
        Assert.Equal(900, InputValidation.SessionSeconds(Valid));
    }

    [Theory]
    [InlineData("agent[bot]/s3-audit")]
    [InlineData("a")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij")]
    public void Validate_BadRoleSessionName_RejectedNamingPatternAndLength(string name)
    {
        var violation = Assert.Single(InputValidation.Validate(Valid with { RoleSessionName = name }));

        Assert.Contains($"roleSessionName '{name}'", violation, StringComparison.Ordinal);
        Assert.Contains(@"[\w+=,.@-]", violation, StringComparison.Ordinal);
        Assert.Contains("2-64", violation, StringComparison.Ordinal);
        Assert.Contains("never rewritten", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aws:agent")]
    [InlineData("agent id")]
    [InlineData("x")]
    [InlineData("")]
    public void Validate_AgentIdNotASourceIdentity_Rejected(string agentId)
    {
        var violation = Assert.Single(InputValidation.Validate(Valid with { AgentId = agentId }));

        Assert.Contains("cannot be a SourceIdentity", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public void Validate_BadExternalId_Rejected(string externalId)
    {
        var violation = Assert.Single(InputValidation.Validate(Valid with { ExternalId = externalId }));

        Assert.Contains(@"2-1224 characters of [\w+=,.@:\/-]", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Prod")]
    [InlineData("prod_")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd")]
    public void Validate_BadBucketPrefix_Rejected(string prefix)
    {
        var violation = Assert.Single(InputValidation.Validate(Valid with { BucketPrefix = prefix }));

        Assert.Contains("bucketPrefix", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("example-audit-reports", "/var/reports")]
    public void Validate_NotExactlyOneReportDestination_Rejected(string? bucket, string? directory)
    {
        var input = Valid with { Report = new ReportDestination(Bucket: bucket, LocalDirectory: directory) };

        var violation = Assert.Single(InputValidation.Validate(input));

        Assert.Contains("exactly one of the two must be set", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Example-Bucket")]
    [InlineData("bucket..name")]
    [InlineData("192.168.5.4")]
    [InlineData("xn--bucket")]
    [InlineData("-bucket")]
    public void Validate_BadReportBucket_Rejected(string bucket)
    {
        var input = Valid with { Report = new ReportDestination(Bucket: bucket) };

        var violation = Assert.Single(InputValidation.Validate(input));

        Assert.Contains($"report.bucket '{bucket}' is not a valid S3 bucket name", violation,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reports/../other")]
    [InlineData("/absolute")]
    public void Validate_BadKeyPrefix_Rejected(string keyPrefix)
    {
        var input = Valid with { Report = new ReportDestination(Bucket: "example-audit-reports",
            KeyPrefix: keyPrefix) };

        var violation = Assert.Single(InputValidation.Validate(input));

        Assert.Contains("report.keyPrefix", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyPrefixOver512_Rejected()
    {
        var input = Valid with { Report = new ReportDestination(Bucket: "example-audit-reports",
            KeyPrefix: new string('k', 513)) };

        Assert.Contains(InputValidation.Validate(input), v => v.Contains("longer than the 512",
            StringComparison.Ordinal));
    }

    [Fact]
    public void ThrowIfInvalid_SeveralViolations_ReportsAllInOneMessage()
    {
        var input = Valid with { AccountId = "123", SessionDurationSeconds = 600,
            RoleSessionName = "agent[bot]/s3-audit" };

        var failure = Assert.Throws<ApplicationFailureException>(() => InputValidation.ThrowIfInvalid(input));

        Assert.Contains("(4 problems)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("accountId '123'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("belongs to account 111122223333", failure.Message, StringComparison.Ordinal);
        Assert.Contains("sessionDurationSeconds 600", failure.Message, StringComparison.Ordinal);
        Assert.Contains("roleSessionName 'agent[bot]/s3-audit'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingFields_ReportedWithoutThrowingNullReference()
    {
        var input = new S3AuditInput(null!, null!, null!, null!);

        var violations = InputValidation.Validate(input);

        Assert.Equal(4, violations.Count);
        Assert.StartsWith("accountId (missing)", violations[0], StringComparison.Ordinal);
        Assert.StartsWith("roleArn (missing)", violations[1], StringComparison.Ordinal);
        Assert.StartsWith("agentId (missing)", violations[2], StringComparison.Ordinal);
        Assert.StartsWith("report is missing", violations[3], StringComparison.Ordinal);
    }
}
