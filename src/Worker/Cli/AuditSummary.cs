using System.Globalization;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Worker.Cli;

/// <summary>The lines the audit command prints when a run has finished.</summary>
public static class AuditSummary
{
    /// <summary>The summary of <paramref name="result"/>; it holds locations and counts, nothing secret.</summary>
    public static string Format(string workflowId, string accountId, S3AuditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = result.Counts;
        var verdict = ExitCodes.FromResult(result) switch
        {
            ExitCodes.Clean => "clean: no bucket is public",
            ExitCodes.PublicFound => $"PUBLIC BUCKETS FOUND: {counts.Public}",
            _ when counts.Unknown > 0 => $"not clean: {counts.Unknown} bucket(s) could not be judged (UNKNOWN)",
            _ => $"not clean: the audit ended {result.Outcome}",
        };
        return string.Join(Environment.NewLine,
            $"S3 audit of account {accountId} ({workflowId}): {result.Outcome}",
            string.Create(
                CultureInfo.InvariantCulture,
                $"  buckets:    {counts.Total} (public {counts.Public}, not public {counts.NotPublic}, " +
                $"unknown {counts.Unknown})"),
            $"  report:     {result.ReportLocation}",
            $"  summary:    {result.SummaryLocation}",
            $"  session:    {result.SessionName}",
            $"  revocation: {result.Revocation}",
            $"  result:     {verdict}");
    }
}
