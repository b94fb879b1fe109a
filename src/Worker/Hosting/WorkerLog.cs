using Microsoft.Extensions.Logging;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>Log messages of the host. Values are identifiers and settings, never credentials.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "Worker starting on task queue {TaskQueue}, namespace {Namespace}, server {Server}")]
    public static partial void WorkerStarting(ILogger logger, string taskQueue, string @namespace, string server);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "Worker host started; polling task queue {TaskQueue} once connected")]
    public static partial void WorkerStarted(ILogger logger, string taskQueue);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information,
        Message = "Worker stopping; running activities get up to {GracePeriod} to finish")]
    public static partial void WorkerStopping(ILogger logger, TimeSpan gracePeriod);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Worker stopped on task queue {TaskQueue}")]
    public static partial void WorkerStopped(ILogger logger, string taskQueue);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning,
        Message = "No sealing key is configured (AGENTWORKFLOWS_SEALING_KEY): sessions sealed by this worker " +
            "cannot be opened by other workers of task queue {TaskQueue}")]
    public static partial void NoSharedSealingKey(ILogger logger, string taskQueue);
}
