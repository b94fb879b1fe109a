using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Tests.Reporting;

/// <summary>Inputs and factories shared by the report tests.</summary>
internal static class ReportFixtures
{
    public const string WorkflowId = "s3-audit-wf";
    public const string RunId = "run-0001";
    public const string RunKey = WorkflowId + "/" + RunId;

    public static readonly DateTimeOffset Started = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>A client factory that is never used to call anything: local stores need none.</summary>
    public static AwsClientFactory OfflineClients() => new(
        Options.Create(new AwsOptions
        {
            S3Endpoint = new Uri("http://127.0.0.1:9"),
            StsEndpoint = new Uri("http://127.0.0.1:9"),
            S3ForcePathStyle = true,
            MaxSdkRetries = 0,
        }),
        TimeProvider.System,
        new BasicAWSCredentials("AKIDOFFLINEWORKER00", "offline-secret-never-used"));

    public static ReportStoreFactory LocalStores(IAwsClientFactory clients, string root) =>
        new(clients, Options.Create(new ReportStoreOptions { LocalRoot = root }));

    public static WriteReportInput Input(
        ReportDestination destination,
        int batchCount,
        AuditOutcome outcome = AuditOutcome.Succeeded,
        string? error = null,
        string workflowId = WorkflowId,
        AccountPublicAccessBlock? accountBlock = null) =>
        new(
            RunKey,
            workflowId,
            RunId,
            "111122223333",
            "arn:aws:iam::111122223333:role/audit",
            "agent-7",
            "s3-audit-session",
            "arn:aws:sts::111122223333:assumed-role/audit/s3-audit-session",
            outcome,
            error,
            Started,
            Started.AddMinutes(3),
            batchCount,
            accountBlock ?? new AccountPublicAccessBlock(PublicAccessBlockFlags.None, null),
            destination);
}
