using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>Opens the report store a <see cref="ReportDestination"/> names.</summary>
public interface IReportStoreFactory
{
    /// <summary>
    /// The store for <paramref name="destination"/>. Throws <see cref="ArgumentException"/> naming the
    /// value and the rule when the destination is not exactly one of a bucket and a local directory.
    /// </summary>
    IReportStore Create(ReportDestination destination);
}
