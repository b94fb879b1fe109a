using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Workflows.Contracts;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Opens S3 destinations with the worker's own credentials, and local ones only inside
/// <see cref="ReportStoreOptions.LocalRoot"/>.
/// </summary>
public sealed class ReportStoreFactory(IAwsClientFactory clients, IOptions<ReportStoreOptions> options)
    : IReportStoreFactory
{
    public IReportStore Create(ReportDestination destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var hasBucket = !string.IsNullOrWhiteSpace(destination.Bucket);
        var hasDirectory = !string.IsNullOrWhiteSpace(destination.LocalDirectory);
        if (hasBucket == hasDirectory)
        {
            throw new ArgumentException(
                "Report destination must set exactly one of bucket and localDirectory; " +
                $"it has bucket '{destination.Bucket}' and localDirectory '{destination.LocalDirectory}'.",
                nameof(destination));
        }

        if (hasBucket)
        {
            var s3 = clients.CreateS3(clients.WorkerCredentials, clients.Region);
            return new S3ReportStore(s3, destination.Bucket!, destination.KeyPrefix);
        }

        return new LocalReportStore(CheckLocal(destination.LocalDirectory!));
    }

    private string CheckLocal(string directory)
    {
        var root = options.Value.LocalRoot;
        if (string.IsNullOrWhiteSpace(root))
        {
            throw new ArgumentException(
                $"Report localDirectory '{directory}' is refused: this worker has no Reports:LocalRoot, " +
                "so it writes reports to S3 only.",
                nameof(directory));
        }

        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory, fullRoot));
        var inside = full == fullRoot
            || full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside)
        {
            throw new ArgumentException(
                $"Report localDirectory '{directory}' resolves to '{full}', outside Reports:LocalRoot '{fullRoot}'.",
                nameof(directory));
        }

        return full;
    }
}
