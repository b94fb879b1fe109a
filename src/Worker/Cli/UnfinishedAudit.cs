using System.Globalization;
using AgentWorkflows.Activities.Reporting;
using AgentWorkflows.Workflows;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// What the audit command prints, and which exit code it returns, when a run failed or was cancelled: the
/// counts the run's progress query still answers, and where the run's Failed or Cancelled report is.
/// Public buckets found before the failure still make exit code 2.
/// </summary>
public static class UnfinishedAudit
{
    /// <summary>2 when the run had found a public bucket, else 1; 1 also when the counts are unknown.</summary>
    public static int ExitCode(AuditProgress? progress) =>
        progress is { Counts.Public: > 0 } ? ExitCodes.PublicFound : ExitCodes.Error;

    /// <summary>Where the report of run <paramref name="runId"/> is written: a file URI or an S3 URI.</summary>
    public static string ReportLocation(ReportDestination report, string workflowId, string runId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var key = ReportKeys.Report(workflowId, runId);
        if (report.LocalDirectory is { } directory)
        {
            return new Uri(Path.GetFullPath(Path.Combine(directory, key))).AbsoluteUri;
        }

        var prefix = report.KeyPrefix?.Trim('/') is { Length: > 0 } folder ? folder + "/" : string.Empty;
        return $"s3://{report.Bucket}/{prefix}{key}";
    }

    /// <summary>The lines after the failure line; nothing secret, only counts and a location.</summary>
    /// <param name="errorType">
    /// The failure's error type; <see cref="ErrorTypes.ReportNotWritten"/> means there is no report.
    /// </param>
    public static string Format(
        string workflowId, string runId, ReportDestination report, AuditProgress? progress, string? errorType)
    {
        var counts = progress?.Counts;
        var buckets = counts is null
            ? "  buckets:    unknown (the run's progress could not be queried)"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"  buckets:    {counts.Total} judged before the run stopped (public {counts.Public}, " +
                $"not public {counts.NotPublic}, unknown {counts.Unknown})");
        var location = errorType == ErrorTypes.ReportNotWritten
            ? "report not written (ReportNotWritten)"
            : $"{ReportLocation(report, workflowId, runId)} (the run's Failed or Cancelled report)";
        var verdict = ExitCode(progress) == ExitCodes.PublicFound
            ? $"PUBLIC BUCKETS FOUND: {counts!.Public}"
            : "not clean: the run did not finish";
        return string.Join(Environment.NewLine, buckets, $"  report:     {location}", $"  result:     {verdict}");
    }
}
