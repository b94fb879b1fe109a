using System.Globalization;
using AgentWorkflows.Activities.Verdicts;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>Builds the final report from the run's facts and the batch parts that were stored.</summary>
public static class ReportAssembler
{
    public const int SchemaVersion = 1;

    /// <param name="parts">Part <c>i</c> of batch <c>i</c>, or null when it was never stored.</param>
    public static AuditReport Build(WriteReportInput input, IReadOnlyList<BatchPart?> parts, DateTimeOffset writtenAt)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parts);

        var buckets = new List<BucketVerdict>();
        var gaps = new List<string>();
        var partial = new List<int>();
        var missing = new List<int>();
        var complete = 0;

        if (input.AccountBlock is { Flags: null } unreadBlock)
        {
            var why = ReportRedactor.Redact(unreadBlock.Gap ?? "no reason given");
            gaps.Add($"account Block Public Access not read: {why}");
        }

        for (var index = 0; index < parts.Count; index++)
        {
            var part = parts[index];
            if (part is null)
            {
                missing.Add(index);
                gaps.Add(string.Create(CultureInfo.InvariantCulture, $"batch {index}: no findings were stored"));
                continue;
            }

            buckets.AddRange(part.Verdicts);
            if (part.Complete)
            {
                complete++;
            }
            else
            {
                partial.Add(index);
                gaps.Add(DescribePartial(index, part));
            }
        }

        foreach (var verdict in buckets.Where(v => v.Verdict == AccessVerdict.Unknown))
        {
            gaps.Add($"{verdict.BucketName}: {verdict.Reason}");
        }

        var runBy = new ReportRunBy(
            input.CallerArn, input.RoleArn, input.SessionName, input.AgentId, input.WorkflowId, input.RunId);
        var accountBlock = input.AccountBlock is null
            ? new ReportAccountBlock(false, null, "account Block Public Access was not read before the run ended")
            : new ReportAccountBlock(
                input.AccountBlock.Flags is not null,
                input.AccountBlock.Flags,
                input.AccountBlock.Gap is null ? null : ReportRedactor.Redact(input.AccountBlock.Gap));

        return new AuditReport(
            SchemaVersion,
            runBy,
            input.AccountId,
            input.StartedAt,
            input.FinishedAt,
            writtenAt,
            input.Outcome,
            input.Error is null ? null : ReportRedactor.Redact(input.Error),
            Count(buckets),
            accountBlock,
            new ReportBatches(parts.Count, complete, partial, missing),
            gaps,
            buckets);
    }

    /// <summary>Counts the verdicts per kind.</summary>
    public static VerdictCounts Count(IEnumerable<BucketVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        int isPublic = 0, notPublic = 0, unknown = 0;
        foreach (var verdict in verdicts)
        {
            switch (verdict.Verdict)
            {
                case AccessVerdict.Public:
                    isPublic++;
                    break;
                case AccessVerdict.NotPublic:
                    notPublic++;
                    break;
                default:
                    unknown++;
                    break;
            }
        }

        return new VerdictCounts(isPublic, notPublic, unknown);
    }

    private static string DescribePartial(int index, BatchPart part)
    {
        var done = part.Verdicts.Select(v => v.BucketName).ToHashSet(StringComparer.Ordinal);
        var notScanned = part.BucketNames.Where(name => !done.Contains(name)).ToList();
        return string.Create(
            CultureInfo.InvariantCulture,
            $"batch {index}: stopped after {part.Verdicts.Count} of {part.BucketNames.Count} buckets; " +
            $"not scanned: {string.Join(", ", notScanned)}");
    }
}
