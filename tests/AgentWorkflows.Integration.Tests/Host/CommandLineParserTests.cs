using AgentWorkflows.Worker.Cli;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class CommandLineParserTests
{
    private const string WorkingDirectory = "/work/dir";

    private static readonly string[] Required =
    [
        "audit", "s3", "--role-arn", "arn:aws:iam::111122223333:role/Audit", "--account", "111122223333",
        "--agent-id", "agent-7",
    ];

    private static CliParseResult Parse(params string[] args) => CommandLineParser.Parse(args, WorkingDirectory);

    private static AuditS3Command ParseAudit(params string[] extra)
    {
        var result = Parse([.. Required, .. extra]);
        Assert.Null(result.Error);
        return Assert.IsType<AuditS3Command>(result.Command);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("audit", "s3", "--help")]
    public void Parse_HelpWord_IsHelp(params string[] args)
    {
        Assert.IsType<HelpCommand>(Parse(args).Command);
    }

    [Fact]
    public void Parse_NoArguments_FailsNamingTheMissingCommand()
    {
        var result = Parse();

        Assert.Null(result.Command);
        Assert.Contains("no command given", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Worker_IsWorker()
    {
        Assert.IsType<WorkerCommand>(Parse("worker").Command);
    }

    [Fact]
    public void Parse_RequiredOnly_UsesDefaults()
    {
        var command = ParseAudit();

        Assert.Equal("arn:aws:iam::111122223333:role/Audit", command.RoleArn);
        Assert.Equal("111122223333", command.AccountId);
        Assert.Equal("agent-7", command.AgentId);
        Assert.Null(command.Duration);
        Assert.Null(command.ExternalId);
        Assert.Null(command.WorkflowId);
        Assert.Equal(Path.GetFullPath("reports", WorkingDirectory), command.Report.LocalDirectory);
        Assert.Null(command.Report.Bucket);
    }

    [Fact]
    public void Parse_AllOptions_AreCarriedIntoTheInput()
    {
        var command = ParseAudit(
            "--external-id", "ext-1", "--duration=20m", "--bucket-prefix", "logs-",
            "--report-bucket", "audit-reports", "--report-prefix", "s3-audits/", "--workflow-id", "audit-42");

        var input = command.ToInput();
        Assert.Equal("ext-1", input.ExternalId);
        Assert.Equal(1200, input.SessionDurationSeconds);
        Assert.Equal("logs-", input.BucketPrefix);
        Assert.Equal("audit-reports", input.Report.Bucket);
        Assert.Equal("s3-audits/", input.Report.KeyPrefix);
        Assert.Null(input.Report.LocalDirectory);
        Assert.Equal("audit-42", command.WorkflowId);
        Assert.Equal("111122223333", input.AccountId);
    }

    [Fact]
    public void Parse_RelativeReportDir_ResolvesAgainstWorkingDirectory()
    {
        var command = ParseAudit("--report-dir", "out/reports");

        Assert.Equal(Path.GetFullPath("out/reports", WorkingDirectory), command.Report.LocalDirectory);
    }

    [Theory]
    [InlineData("--duration", "15x", "'15x'")]
    [InlineData("--duration", "900", "'900'")]
    [InlineData("--colour", "red", "unknown option '--colour'")]
    [InlineData("--report-prefix", "p/", "--report-prefix 'p/' needs --report-bucket")]
    public void Parse_BadOption_NamesTheValue(string option, string value, string expected)
    {
        var result = Parse([.. Required, option, value]);

        Assert.Null(result.Command);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BothDestinations_AsksToChooseOne()
    {
        var result = Parse([.. Required, "--report-bucket", "b", "--report-dir", "d"]);

        Assert.Contains("choose one report destination: --report-bucket 'b' or --report-dir 'd'", result.Error,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role-arn")]
    [InlineData("--account")]
    [InlineData("--agent-id")]
    public void Parse_MissingRequired_NamesTheOption(string option)
    {
        var args = Required.ToList();
        var at = args.IndexOf(option);
        args.RemoveRange(at, 2);

        var result = Parse([.. args]);

        Assert.Equal($"option '{option}' is required.", result.Error);
    }

    [Theory]
    [InlineData("--account")]
    [InlineData("--account=")]
    public void Parse_OptionWithoutValue_SaysSo(string last)
    {
        var result = Parse("audit", "s3", "--role-arn", "r", "--agent-id", "a", last);

        Assert.Equal("option '--account' needs a value.", result.Error);
    }

    [Fact]
    public void Parse_OptionFollowedByOption_SaysValueMissing()
    {
        var result = Parse("audit", "s3", "--role-arn", "--account", "1");

        Assert.Equal("option '--role-arn' needs a value.", result.Error);
    }

    [Fact]
    public void Parse_RepeatedOption_IsRejected()
    {
        var result = Parse([.. Required, "--account", "999999999999"]);

        Assert.Equal("option '--account' is given twice.", result.Error);
    }

    [Theory]
    [InlineData("deploy", "unknown command 'deploy'")]
    [InlineData("audit", "audit needs a target")]
    public void Parse_UnknownCommand_NamesIt(string command, string expected)
    {
        Assert.Contains(expected, Parse(command).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownAuditTarget_NamesIt()
    {
        Assert.Contains("unknown audit target 'ec2'", Parse("audit", "ec2").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WorkerWithArguments_IsRejected()
    {
        var error = Parse("worker", "--queue").Error;

        Assert.Contains("takes no arguments, got '--queue'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayArgument_IsRejected()
    {
        var result = Parse([.. Required, "extra"]);

        Assert.Contains("unexpected argument 'extra'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AuditCommand_ToString_LeavesTheExternalIdOut()
    {
        var command = ParseAudit("--external-id", "ext-9d1c");

        Assert.DoesNotContain("ext-9d1c", command.ToString(), StringComparison.Ordinal);
    }
}
