using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>
/// The host's own trace source and meter. Temporal's OpenTelemetry extension is not available here, so
/// the host traces what it runs itself: each activity execution and each audit the command line starts.
/// </summary>
public static class WorkerTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "AgentWorkflows.Worker";

    /// <summary>Service name in the OpenTelemetry resource.</summary>
    public const string ServiceName = "agentworkflows-worker";

    /// <summary>Spans of activity executions and command-line audits.</summary>
    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Activity executions by type and outcome (<c>completed</c>, <c>failed</c>, <c>cancelled</c>).</summary>
    public static Counter<long> ActivityExecutions { get; } = Meter.CreateCounter<long>(
        "agentworkflows.activity.executions", unit: "{execution}", description: "Activity executions by outcome.");

    /// <summary>Wall time of activity executions.</summary>
    public static Histogram<double> ActivityDuration { get; } = Meter.CreateHistogram<double>(
        "agentworkflows.activity.duration", unit: "s", description: "Duration of activity executions.");

    /// <summary>Audits the command line finished, by outcome.</summary>
    public static Counter<long> AuditsFinished { get; } = Meter.CreateCounter<long>(
        "agentworkflows.audit.finished", unit: "{audit}", description: "Audits run from the command line.");
}
