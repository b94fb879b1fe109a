using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Activities.Tests.Reporting;

/// <summary>Small verdicts for report tests, built directly rather than through the rules.</summary>
internal static class Verdicts
{
    public static BucketVerdict Of(string bucket, AccessVerdict verdict, string reason = "test reason") =>
        new(bucket, "us-east-1", verdict, reason, [], [], false, null, null, null);
}
