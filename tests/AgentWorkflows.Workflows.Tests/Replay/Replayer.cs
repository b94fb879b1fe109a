using Temporalio.Common;
using Temporalio.Worker;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>How a replay went: the replay failure (nondeterminism and the like) and what was recorded.</summary>
public sealed record ReplayOutcome(Exception? ReplayFailure, ActivityRecorder Recorder)
{
    public IReadOnlyList<RecordedActivity> Activities => Recorder.Activities;

    public IReadOnlyList<string> Names => [.. Recorder.Names];

    /// <summary>The arguments of every call of activity <paramref name="name"/>, in scheduling order.</summary>
    public IReadOnlyList<T> All<T>(string name) =>
        [.. Activities.Where(a => a.Name == name).Select(a => a.Arg<T>())];

    /// <summary>The argument of the one call of activity <paramref name="name"/>.</summary>
    public T Single<T>(string name) => Assert.Single(All<T>(name));
}

/// <summary>Replays one history against <see cref="S3AuditWorkflow"/>, bounded in time.</summary>
public static class Replayer
{
    /// <summary>A malformed history can make replay wait forever; no replay may take longer than this.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<ReplayOutcome> ReplayAsync(WorkflowHistory history)
    {
        var recorder = new ActivityRecorder();
        var options = new WorkflowReplayerOptions { Interceptors = [recorder] }.AddWorkflow<S3AuditWorkflow>();
        var replayer = new WorkflowReplayer(options);
        using var limit = new CancellationTokenSource(Limit);
        var result = await replayer
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false, limit.Token)
            .WaitAsync(Limit, TestContext.Current.CancellationToken);
        return new ReplayOutcome(result.ReplayFailure, recorder);
    }
}
