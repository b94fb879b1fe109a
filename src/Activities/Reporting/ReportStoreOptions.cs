namespace AgentWorkflows.Activities.Reporting;

/// <summary>Where the worker lets reports go. Bound from the <c>Reports</c> configuration section.</summary>
public sealed class ReportStoreOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Reports";

    /// <summary>
    /// Directory under which local report directories must lie. Null refuses local destinations, so a
    /// workflow input cannot make a production worker write anywhere on its disk.
    /// </summary>
    public string? LocalRoot { get; set; }
}
