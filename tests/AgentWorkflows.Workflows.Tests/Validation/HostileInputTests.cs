using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Validation;

/// <summary>
/// Hostile input to <see cref="InputValidation"/> and <see cref="AuditPlan"/>. In .NET, <c>$</c> also
/// matches just before a final '\n', so every <c>^...$</c> pattern lets a trailing newline through unless
/// it uses <c>\z</c>.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly S3AuditInput Valid = new(
        "111122223333",
        "arn:aws:iam::111122223333:role/S3Auditor",
        "agent-7",
        new ReportDestination(Bucket: "example-audit-reports", KeyPrefix: "s3-audit/"));

    public static TheoryData<string, S3AuditInput> TrailingNewlineInputs => new()
    {
        { "roleArn", Valid with { RoleArn = "arn:aws:iam::111122223333:role/S3Auditor\n" } },
        { "agentId", Valid with { AgentId = "agent-7\n" } },
        { "roleSessionName", Valid with { RoleSessionName = "nightly-run\n" } },
        { "externalId", Valid with { ExternalId = "tenant-42\n" } },
        { "bucketPrefix", Valid with { BucketPrefix = "prod-\n" } },
        { "report.bucket", Valid with { Report = new ReportDestination(Bucket: "example-audit-reports\n") } },
    };

    [Theory]
    [MemberData(nameof(TrailingNewlineInputs))]
    public void Validate_TrailingNewline_IsRejectedNamingTheField(string field, S3AuditInput input)
    {
        var violations = InputValidation.Validate(input);

        Assert.Contains(violations, v => v.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_WorkflowIdWithTrailingNewline_IsRejected()
    {
        var failure = Record.Exception(() => AuditPlan.Create(Valid, "audit-42\n", "run-1"));

        Assert.IsType<ApplicationFailureException>(failure);
    }

    [Fact]
    public void Create_AgentIdWithTrailingNewline_IsRejected()
    {
        var failure = Record.Exception(() => AuditPlan.Create(Valid with { AgentId = "agent-7\n" }, "wf", "run"));

        var app = Assert.IsType<ApplicationFailureException>(failure);
        Assert.Equal(ErrorTypes.InvalidInput, app.ErrorType);
    }

    [Theory]
    [InlineData("\u0661\u0661\u0661\u0661\u0662\u0662\u0662\u0662\u0663\u0663\u0663\u0663")]
    [InlineData("１１１１２２２２３３３３")]
    [InlineData(" 111122223333")]
    [InlineData("111122223333 ")]
    [InlineData("")]
    public void Validate_NonAsciiOrPaddedAccount_Rejected(string account)
    {
        var violations = InputValidation.Validate(Valid with { AccountId = account });

        Assert.Contains(violations, v => v.Contains("exactly 12 digits", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AllFieldsNull_EveryFieldNamedAndNoThrow()
    {
        var input = new S3AuditInput(null!, null!, null!, null!);

        var violations = InputValidation.Validate(input);

        Assert.Contains(violations, v => v.StartsWith("accountId (missing)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("roleArn (missing)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("agentId (missing)", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("report is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_AllFieldsNull_InvalidInputNotNullReference()
    {
        var failure = Record.Exception(() => AuditPlan.Create(new S3AuditInput(null!, null!, null!, null!), "wf", "r"));

        var app = Assert.IsType<ApplicationFailureException>(failure);
        Assert.True(app.NonRetryable);
    }

    [Theory]
    [InlineData(899, false)]
    [InlineData(900, true)]
    [InlineData(3600, true)]
    [InlineData(3601, false)]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(int.MaxValue, false)]
    [InlineData(int.MinValue, false)]
    public void Validate_DurationEdges_MatchTheRange(int seconds, bool valid)
    {
        var violations = InputValidation.Validate(Valid with { SessionDurationSeconds = seconds });

        Assert.Equal(valid, violations.Count == 0);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a//b")]
    [InlineData("/")]
    [InlineData("..")]
    [InlineData("a b")]
    [InlineData("ünïcødé/工作")]
    public void Create_OddWorkflowId_PlanHasSafeRunKeyAndValidSessionName(string workflowId)
    {
        var plan = AuditPlan.Create(Valid, workflowId, "0195c1c2-aaaa-bbbb-cccc-1234567890ab");

        Assert.True(InputValidation.IsStsName(plan.SessionName), plan.SessionName);
        Assert.DoesNotContain(plan.RunKey.Split('/'), s => s is "" or "." or "..");
        Assert.Equal(2, plan.RunKey.Split('/').Length);
    }

    [Fact]
    public void Create_ThousandCharWorkflowId_InvalidInputNamingTheLength()
    {
        var failure = Assert.Throws<ApplicationFailureException>(
            () => AuditPlan.Create(Valid, new string('w', 1000), "run"));

        Assert.Contains("1000 characters", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arn:aws-iso:iam::111122223333:role/S3Auditor")]
    [InlineData("arn:aws:iam::111122223333:role/a b/S3Auditor")]
    [InlineData("arn:aws:iam:us-east-1:111122223333:role/S3Auditor")]
    [InlineData("arn:aws:iam::111122223333:role/S3Audit\u0430r")]
    public void Validate_OddRoleArn_Rejected(string roleArn)
    {
        Assert.NotEmpty(InputValidation.Validate(Valid with { RoleArn = roleArn }));
    }

    // IAM paths are "/" or "/x.../": "role//Name" names the path "//", which IAM never gives a role.
    [Fact]
    public void Validate_RoleArnWithEmptyPathSegment_IsRejected()
    {
        Assert.NotEmpty(InputValidation.Validate(Valid with { RoleArn = "arn:aws:iam::111122223333:role//S3Auditor" }));
    }

    // The external id is the caller's, not ours to echo: the InvalidInput message lands in workflow history
    // and on the CLI's stderr, which the CLI otherwise keeps free of it.
    [Fact]
    public void Validate_BadExternalId_MessageOmitsTheValue()
    {
        const string externalId = "tenant 42 shared-with-vendor";

        var failure = Assert.Throws<ApplicationFailureException>(
            () => InputValidation.ThrowIfInvalid(Valid with { ExternalId = externalId }));

        Assert.Contains("externalId", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(externalId, failure.Message, StringComparison.Ordinal);
    }

    // LocalReportStore rejects a blank directory (ThrowIfNullOrWhiteSpace), but only when the first batch runs.
    [Fact]
    public void Validate_WhitespaceLocalDirectory_IsRejectedUpFront()
    {
        var violations = InputValidation.Validate(Valid with { Report = new ReportDestination(LocalDirectory: "   ") });

        Assert.Contains(violations, v => v.Contains("localDirectory", StringComparison.Ordinal));
    }
}
