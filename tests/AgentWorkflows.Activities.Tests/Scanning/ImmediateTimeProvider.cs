using System.Collections.Concurrent;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>
/// A clock whose time is another clock's, but whose timers fire at once and only record how long they
/// were asked to wait. Back-off waits then cost nothing, and tests can check what they would have been.
/// </summary>
public sealed class ImmediateTimeProvider(TimeProvider clock) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();

    /// <summary>Every due time a timer was created with, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        waits.Enqueue(dueTime);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
