using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Worker.Cli;
using AgentWorkflows.Worker.Configuration;
using AgentWorkflows.Worker.Hosting;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Converters;

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
            await AssertHistoryAsync(handle, settings, host.Services.GetRequiredService<ISessionSealer>());
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

    /// <summary>
    /// Field case W3 on a real run: the exported history, with every base64 payload decoded, holds neither
    /// the worker's keys nor any key id, secret or token of the sessions the run minted. The session
    /// credentials are recovered here by unsealing the AssumeRole results with the worker's own sealer.
    /// </summary>
    private static async Task AssertHistoryAsync(
        WorkflowHandle handle, IntegrationSettings settings, ISessionSealer sealer)
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

        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["worker access key id"] = settings.AccessKeyId,
            ["worker secret key"] = settings.SecretAccessKey,
        };
        if (settings.SessionToken is not null)
        {
            secrets["worker session token"] = settings.SessionToken;
        }

        var sessions = SessionsOf(history);
        Assert.NotEmpty(sessions);
        for (var i = 0; i < sessions.Count; i++)
        {
            var keys = sealer.Unseal(sessions[i]).GetCredentials();
            secrets[$"access key id of session {i + 1}"] = keys.AccessKey;
            secrets[$"secret key of session {i + 1}"] = keys.SecretKey;
            secrets[$"token of session {i + 1}"] = keys.Token;
        }

        var json = history.ToJson();
        var decoded = DecodedStrings(json);
        Assert.NotEmpty(decoded);
        foreach (var text in decoded.Prepend(json))
        {
            Assert.DoesNotMatch(AccessKeyId(), text);
            Assert.DoesNotContain("sessionToken", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secretAccessKey", text, StringComparison.OrdinalIgnoreCase);
            foreach (var (label, secret) in secrets)
            {
                Assert.False(
                    text.Contains(secret, StringComparison.Ordinal), $"the {label} appears in the exported history");
            }
        }
    }

    /// <summary>Every session an AssumeRole activity returned in <paramref name="history"/>.</summary>
    private static List<SessionHandle> SessionsOf(WorkflowHistory history)
    {
        var assumeIds = history.Events
            .Where(e => e.EventType == EventType.ActivityTaskScheduled &&
                e.ActivityTaskScheduledEventAttributes.ActivityType.Name == ActivityNames.AssumeRole)
            .Select(e => e.EventId)
            .ToHashSet();
        return
        [
            .. history.Events
                .Where(e => e.EventType == EventType.ActivityTaskCompleted &&
                    assumeIds.Contains(e.ActivityTaskCompletedEventAttributes.ScheduledEventId))
                .Select(e => DataConverter.Default.PayloadConverter.ToValue<SessionHandle>(
                    e.ActivityTaskCompletedEventAttributes.Result.Payloads_.Single())),
        ];
    }

    /// <summary>
    /// Every string value of the exported JSON that is base64 (payload data, metadata), decoded as UTF-8:
    /// the export shows payloads only encoded, so a plain text search would miss a secret inside them.
    /// </summary>
    private static List<string> DecodedStrings(string json)
    {
        var decoded = new List<string>();
        using var document = JsonDocument.Parse(json);
        var pending = new Stack<JsonElement>();
        pending.Push(document.RootElement);
        while (pending.Count > 0)
        {
            var element = pending.Pop();
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        pending.Push(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        pending.Push(item);
                    }

                    break;
                case JsonValueKind.String:
                    var value = element.GetString()!;
                    var buffer = new byte[value.Length];
                    if (value.Length >= 4 && Convert.TryFromBase64String(value, buffer, out var written))
                    {
                        decoded.Add(Encoding.UTF8.GetString(buffer, 0, written));
                    }

                    break;
            }
        }

        return decoded;
    }

    [GeneratedRegex("(AKIA|ASIA)[A-Z0-9]{16}")]
    private static partial Regex AccessKeyId();
}
