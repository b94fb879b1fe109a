using System.Text;
using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>The short text an operator reads first: outcome, counts, and the buckets that need a look.</summary>
public static class ReportSummary
{
    public static string Write(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        Line(text, $"S3 public access audit of account {report.AccountId}: {report.Outcome}");
        Line(text, $"Run: workflow {report.RunBy.WorkflowId}, run {report.RunBy.RunId}");
        Line(text, $"Session: {report.RunBy.SessionName} as {report.RunBy.CallerArn ?? "(identity not verified)"}");
        Line(text, $"Agent: {report.RunBy.SourceIdentity}; role {report.RunBy.RoleArn}");
        Line(text, $"From {report.StartedAt:u} to {report.FinishedAt:u}");
        var counts = report.Counts;
        Line(
            text,
            $"Buckets: {counts.Total} audited; {counts.Public} public, {counts.NotPublic} not public, " +
            $"{counts.Unknown} unknown");
        if (report.Error is not null)
        {
            Line(text, $"Error: {report.Error}");
        }

        List(text, "Public", report.Buckets.Where(b => b.Verdict == AccessVerdict.Public), b => b.Reason);
        List(text, "Unknown", report.Buckets.Where(b => b.Verdict == AccessVerdict.Unknown), b => b.Reason);
        List(text, "Needs review", report.Buckets.Where(b => b.NeedsReview), b => b.ReviewReason ?? b.Reason);

        var otherGaps = report.Gaps.Where(g => g.StartsWith("batch ", StringComparison.Ordinal)
                                              || g.StartsWith("account ", StringComparison.Ordinal)).ToList();
        if (otherGaps.Count > 0)
        {
            Line(text, "Gaps:");
            foreach (var gap in otherGaps)
            {
                Line(text, $"  - {gap}");
            }
        }

        return text.ToString();
    }

    private static void List(
        StringBuilder text, string title, IEnumerable<BucketVerdict> buckets, Func<BucketVerdict, string> why)
    {
        var list = buckets.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Line(text, $"{title}:");
        foreach (var bucket in list)
        {
            Line(text, $"  - {bucket.BucketName} ({bucket.Region}): {why(bucket)}");
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
