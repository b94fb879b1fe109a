using System.Globalization;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// The keys of a run's report objects, relative to the store. They derive only from the run's ids and
/// the batch index, so every retry of a write lands on the same object.
/// </summary>
public static class ReportKeys
{
    /// <summary>The batch part a scan stores: <c>RUNKEY/parts/batch-00007.json</c>.</summary>
    public static string Part(string runKey, int batchIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchIndex);
        var part = string.Create(CultureInfo.InvariantCulture, $"batch-{batchIndex:D5}.json");
        return Join(runKey, "parts", part);
    }

    /// <summary>
    /// The final report: <c>WORKFLOW/RUN/report.json</c>, each id escaped by <see cref="ReportPath"/>.
    /// </summary>
    public static string Report(string workflowId, string runId) =>
        Join(ReportPath.RunKey(workflowId, runId), "report.json");

    /// <summary>The human summary beside the report: <c>WORKFLOW/RUN/summary.txt</c>.</summary>
    public static string Summary(string workflowId, string runId) =>
        Join(ReportPath.RunKey(workflowId, runId), "summary.txt");

    /// <summary>
    /// Joins the parts with <c>/</c> after checking each segment: none may be empty, <c>.</c> or
    /// <c>..</c>, hold a backslash or a control character, so no key can climb out of its prefix.
    /// </summary>
    internal static string Join(params string[] parts)
    {
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part);
            foreach (var segment in part.Split('/'))
            {
                CheckSegment(part, segment);
            }
        }

        return string.Join('/', parts);
    }

    private static void CheckSegment(string part, string segment)
    {
        if (segment.Length == 0 || segment == "." || segment == "..")
        {
            throw new ArgumentException(
                $"Report key part '{part}' has an empty, '.' or '..' segment; each '/'-separated segment " +
                "must name something, so keys stay under the report prefix.",
                nameof(part));
        }

        if (segment.Contains('\\', StringComparison.Ordinal) || segment.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Report key part '{part}' holds a backslash or a control character, which report keys do not allow.",
                nameof(part));
        }
    }
}
