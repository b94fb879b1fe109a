using System.Text.RegularExpressions;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>
/// The real worker (the host's own registration) and the real workflow against a real Temporal server and
/// an AWS endpoint. Uses only what Temporal 1.19 has: start, result, cancel and history fetch.
/// </summary>
public sealed partial class S3AuditIntegrationTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Workflow_SeededAccount_JudgesBucketsWritesReportThenRevokes()
    {
        var settings = IntegrationGate.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await AwsTestAccount.CreateAsync(settings, cancellationToken);
        var reportRoot = Directory.CreateTempSubdirectory("aw-it-reports-").FullName;
        var taskQueue = $"aw-it-{Guid.NewGuid():N}";
        var client = await TemporalClient.ConnectAsync(
            new TemporalClientConnectOptions(settings.TemporalAddress) { Namespace = settings.Namespace });

        using var host = WorkerHost.CreateBuilder(
            EnvironmentSettings.FromProcess(),
            client,
            LogLevel.Warning,
            new Dictionary<string, string?> { ["Temporal:TaskQueue"] = taskQueue, ["Reports:LocalRoot"] = reportRoot })
            .Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var input = new S3AuditInput(
                account.AccountId,
                account.RoleArn,
                "integration-suite",
                new ReportDestination(LocalDirectory: reportRoot),
                BucketPrefix: account.Prefix);
            var handle = await client.StartWorkflowAsync(
                (S3AuditWorkflow workflow) => workflow.RunAsync(input),
                new WorkflowOptions($"aw-it-{Guid.NewGuid():N}", taskQueue) { ExecutionTimeout = RunTimeout });

            var result = await handle.GetResultAsync();

            Assert.Equal(AuditOutcome.Succeeded, result.Outcome);
            Assert.Equal(new VerdictCounts(Public: 2, NotPublic: 1, Unknown: 0), result.Counts);
            AssertReport(result, account);
            await AssertRevokedAsync(result, account, cancellationToken);
            await AssertHistoryAsync(handle, settings);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task CommandLine_AuditS3_PrintsSummaryAndExitsTwoForPublicBuckets()
    {
        var settings = IntegrationGate.RequireOrSkip();
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var account = await AwsTestAccount.CreateAsync(settings, cancellationToken);
        var reportDirectory = Directory.CreateTempSubdirectory("aw-it-cli-").FullName;
        var environment = EnvironmentSettings.FromProcess().ToDictionary();
        environment["AGENTWORKFLOWS_TASK_QUEUE"] = $"aw-it-{Guid.NewGuid():N}";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CommandLineApp.RunAsync(
            [
                "audit", "s3", "--role-arn", account.RoleArn, "--account", account.AccountId,
                "--agent-id", "integration-cli", "--bucket-prefix", account.Prefix, "--report-dir", reportDirectory,
            ],
            environment,
            output,
            error,
            new TemporalDevServer(existingPath: null),
            cancellationToken);

        Assert.True(code == ExitCodes.PublicFound, $"exit {code}; stderr: {error}");
        var text = output.ToString();
        Assert.Contains("PUBLIC BUCKETS FOUND: 2", text, StringComparison.Ordinal);
        Assert.Contains("report.json", text, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.SecretAccessKey, text + error, StringComparison.Ordinal);
    }

    private static void AssertReport(S3AuditResult result, AwsTestAccount account)
    {
        var path = new Uri(result.ReportLocation).LocalPath;
        var report = ReportJson.Deserialize<AuditReport>(File.ReadAllText(path));
        Assert.NotNull(report);
        Assert.Equal(AuditOutcome.Succeeded, report.Outcome);
        Assert.Equal("integration-suite", report.RunBy.SourceIdentity);
        var verdicts = report.Buckets.ToDictionary(b => b.BucketName, b => b.Verdict);
        Assert.Equal(AccessVerdict.Public, verdicts[account.PublicByAclBucket]);
        Assert.Equal(AccessVerdict.Public, verdicts[account.PublicByPolicyBucket]);
        Assert.Equal(AccessVerdict.NotPublic, verdicts[account.CleanBucket]);
        Assert.True(File.Exists(new Uri(result.SummaryLocation).LocalPath), "summary.txt was not written");
    }

    private static async Task AssertRevokedAsync(
        S3AuditResult result, AwsTestAccount account, CancellationToken cancellationToken)
    {
        Assert.False(string.IsNullOrWhiteSpace(result.Revocation));
        var policies = await account.RolePoliciesAsync(cancellationToken);
        Assert.Contains(policies, name => name.StartsWith("AgentWorkflowsRevoke-", StringComparison.Ordinal));
    }

    private static async Task AssertHistoryAsync(WorkflowHandle handle, IntegrationSettings settings)
    {
        var history = await handle.FetchHistoryAsync();

        var scheduled = history.Events
            .Where(e => e.EventType == EventType.ActivityTaskScheduled)
            .Select(e => e.ActivityTaskScheduledEventAttributes.ActivityType.Name)
            .ToList();
        var report = scheduled.LastIndexOf(ActivityNames.WriteReport);
        var revoke = scheduled.IndexOf(ActivityNames.RevokeSession);
        Assert.True(
            report >= 0 && revoke > report, $"report must be scheduled before revoke: {string.Join(", ", scheduled)}");
        Assert.Contains(ActivityNames.ProveRevoked, scheduled);

        var json = history.ToJson();
        Assert.DoesNotMatch(AccessKeyId(), json);
        Assert.DoesNotContain(settings.SecretAccessKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.AccessKeyId, json, StringComparison.Ordinal);
        if (settings.SessionToken is not null)
        {
            Assert.DoesNotContain(settings.SessionToken, json, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("sessionToken", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secretAccessKey", json, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("(AKIA|ASIA)[A-Z0-9]{16}")]
    private static partial Regex AccessKeyId();
}
