namespace AgentWorkflows.Workflows.Contracts;

/// <summary>
/// Names under which the worker registers the activities. The workflow schedules activities by these
/// names, so this project needs neither the activity classes nor any AWS type.
/// </summary>
public static class ActivityNames
{
    public const string AssumeRole = "AssumeAuditRole";
    public const string VerifyIdentity = "VerifySessionIdentity";
    public const string ReadAccountPublicAccessBlock = "ReadAccountPublicAccessBlock";
    public const string ListBucketsPage = "ListBucketsPage";
    public const string ScanBucketBatch = "ScanBucketBatch";
    public const string WriteReport = "WriteAuditReport";
    public const string RevokeSession = "RevokeSession";
    public const string ProveRevoked = "ProveSessionRevoked";
}
