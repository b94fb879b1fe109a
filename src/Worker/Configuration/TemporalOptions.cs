namespace AgentWorkflows.Worker.Configuration;

/// <summary>
/// Where the worker finds Temporal. Bound from the section <see cref="SectionName"/> (environment:
/// <c>TEMPORAL_ADDRESS</c>, <c>TEMPORAL_NAMESPACE</c>, <c>AGENTWORKFLOWS_TASK_QUEUE</c>) and checked at
/// start by <see cref="TemporalOptionsValidator"/>.
/// </summary>
public sealed class TemporalOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string SectionName = "Temporal";

    /// <summary>Task queue of the S3 audit workflow and its activities when none is configured.</summary>
    public const string DefaultTaskQueue = "agentworkflows-s3-audit";

    /// <summary>
    /// Frontend address as <c>host:port</c>, for example <c>127.0.0.1:7233</c>. When absent the audit
    /// command starts Temporal's local development server; the worker command refuses to start.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>Temporal namespace; <c>default</c> when absent.</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Task queue the worker polls.</summary>
    public string TaskQueue { get; set; } = DefaultTaskQueue;

    /// <summary>How long running activities get to finish when the worker shuts down.</summary>
    public TimeSpan GracefulShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
