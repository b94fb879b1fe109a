using Amazon.Runtime;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Logging;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Writes the final report of a run: gathers the batch parts, writes <c>report.json</c> and
/// <c>summary.txt</c> under <c>WORKFLOW/RUN/</c>. The keys depend only on the run, so a retry overwrites.
/// </summary>
public sealed partial class ReportActivities(
    IReportStoreFactory storeFactory,
    TimeProvider time,
    ILogger<ReportActivities> logger)
{
    private static readonly HashSet<string> PermanentCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "NoSuchBucket", "InvalidBucketName", "AllAccessDisabled", "InvalidAccessKeyId",
        "SignatureDoesNotMatch", "AccountProblem",
    };

    [Activity(ActivityNames.WriteReport)]
    public async Task<ReportLocation> WriteReportAsync(WriteReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = ActivityExecutionContext.HasCurrent
            ? ActivityExecutionContext.Current.CancellationToken
            : CancellationToken.None;

        var store = OpenStore(input);
        string reportKey;
        string summaryKey;
        try
        {
            reportKey = ReportKeys.Report(input.WorkflowId, input.RunId);
            summaryKey = ReportKeys.Summary(input.WorkflowId, input.RunId);
        }
        catch (ArgumentException e)
        {
            throw InvalidInput(e);
        }

        try
        {
            var parts = await ReadPartsAsync(store, input, cancellationToken).ConfigureAwait(false);
            var report = ReportAssembler.Build(input, parts, time.GetUtcNow());
            var reportUri = await store.PutTextAsync(
                reportKey, ReportJson.Serialize(report), "application/json", cancellationToken).ConfigureAwait(false);
            var summaryUri = await store.PutTextAsync(
                summaryKey, ReportSummary.Write(report), "text/plain; charset=utf-8", cancellationToken)
                .ConfigureAwait(false);

            LogReportWritten(logger, input.WorkflowId, input.RunId, report.Outcome, reportUri);
            return new ReportLocation(reportUri, summaryUri, report.Counts);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = ToFailure(store.LocationOf(reportKey), e);
            LogReportFailed(logger, input.WorkflowId, input.RunId, failure.ErrorType ?? "?", failure.Message);
            throw failure;
        }
    }

    private IReportStore OpenStore(WriteReportInput input)
    {
        try
        {
            return storeFactory.Create(input.Report);
        }
        catch (ArgumentException e)
        {
            throw InvalidInput(e);
        }
    }

    private static async Task<IReadOnlyList<BatchPart?>> ReadPartsAsync(
        IReportStore store, WriteReportInput input, CancellationToken cancellationToken)
    {
        var parts = new BatchPart?[Math.Max(0, input.BatchCount)];
        for (var index = 0; index < parts.Length; index++)
        {
            var text = await store.GetTextAsync(ReportKeys.Part(input.RunKey, index), cancellationToken)
                .ConfigureAwait(false);
            parts[index] = text is null ? null : TryParse(text);
        }

        return parts;
    }

    /// <summary>A part that cannot be read counts as missing: the report is still written, naming the gap.</summary>
    private static BatchPart? TryParse(string text)
    {
        try
        {
            return ReportJson.Deserialize<BatchPart>(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static ApplicationFailureException InvalidInput(ArgumentException error) =>
        new($"Report destination rejected: {error.Message}", ErrorTypes.InvalidInput, nonRetryable: true);

    /// <summary>
    /// A write error as a failure of type <see cref="ErrorTypes.ReportNotWritten"/>: retryable unless the
    /// destination itself is wrong (denied, no such bucket, a path outside the directory).
    /// </summary>
    internal static ApplicationFailureException ToFailure(string location, Exception error)
    {
        var (detail, permanent) = error switch
        {
            AmazonServiceException aws => (
                $"{aws.ErrorCode} (HTTP {(int)aws.StatusCode})",
                aws.ErrorCode is { } code && PermanentCodes.Contains(code)),
            ArgumentException argument => (argument.Message, true),
            UnauthorizedAccessException => ("the worker may not write there", true),
            _ => (error.GetType().Name, false),
        };
        return new ApplicationFailureException(
            $"Report {location} not written: {ReportRedactor.Redact(detail)}" +
            (permanent ? "; fix the report destination or the worker's permissions" : "; will retry"),
            ErrorTypes.ReportNotWritten,
            nonRetryable: permanent);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Audit report of {WorkflowId}/{RunId} written ({Outcome}) to {ReportUri}")]
    private static partial void LogReportWritten(
        ILogger logger, string workflowId, string runId, AuditOutcome outcome, string reportUri);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Audit report of {WorkflowId}/{RunId} not written: {ErrorType}: {Reason}")]
    private static partial void LogReportFailed(
        ILogger logger, string workflowId, string runId, string errorType, string reason);
}
