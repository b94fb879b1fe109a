using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Sdk.V1;
using Temporalio.Api.TaskQueue.V1;
using Temporalio.Common;
using Temporalio.Converters;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// Builds a workflow history event by event, as a server would record it, so that
/// <c>WorkflowReplayer</c> can check workflow code without a server. Event ids run 1..N, every event
/// gets a time from a clock that the caller can move, and activity ids count "1", "2", ... in the order
/// they are scheduled, as the SDK numbers them.
/// </summary>
public sealed class HistoryBuilder
{
    /// <summary>The core SDK flags a real worker writes on its first task; without flag 1 replay
    /// compares neither activity types nor ids.</summary>
    private static readonly uint[] CoreFlags = [1, 2, 3];

    private readonly List<HistoryEvent> events = [];
    private readonly TaskQueue taskQueue = new() { Name = "audit-replay", Kind = TaskQueueKind.Normal };
    private IReadOnlyList<IReadOnlyCollection<object?>>? activityInputs;
    private DateTime clock;
    private long lastTaskCompleted;
    private int activitiesScheduled;

    public HistoryBuilder(string workflowId, string runId, DateTime start)
    {
        WorkflowId = workflowId;
        RunId = runId;
        clock = DateTime.SpecifyKind(start, DateTimeKind.Utc);
    }

    public string WorkflowId { get; }

    public string RunId { get; }

    /// <summary>Time the next event gets; a workflow task's start time is the workflow's <c>UtcNow</c>.</summary>
    public DateTime Clock => clock;

    private static IPayloadConverter Converter => DataConverter.Default.PayloadConverter;

    /// <summary>Gives the n-th scheduled activity these arguments as its input (for export checks).</summary>
    public HistoryBuilder WithActivityInputs(IReadOnlyList<IReadOnlyCollection<object?>> inputs)
    {
        activityInputs = inputs;
        return this;
    }

    public HistoryBuilder Advance(TimeSpan by)
    {
        clock += by;
        return this;
    }

    public HistoryBuilder Started(string workflowType, object? input)
    {
        Add(EventType.WorkflowExecutionStarted, e => e.WorkflowExecutionStartedEventAttributes = new()
        {
            WorkflowType = new WorkflowType { Name = workflowType },
            TaskQueue = taskQueue,
            Input = Payloads(input),
            WorkflowTaskTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            OriginalExecutionRunId = RunId,
            FirstExecutionRunId = RunId,
            Attempt = 1,
            Identity = "replay-test",
        });
        return WorkflowTask();
    }

    /// <summary>A workflow task: scheduled, started (its time is the workflow's now), completed.</summary>
    public HistoryBuilder WorkflowTask()
    {
        var scheduled = Add(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = taskQueue,
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)),
            Attempt = 1,
        });
        var started = Add(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new()
        {
            ScheduledEventId = scheduled,
            Identity = "replay-test",
        });
        var completed = new WorkflowTaskCompletedEventAttributes
        {
            ScheduledEventId = scheduled,
            StartedEventId = started,
            Identity = "replay-test",
        };
        if (lastTaskCompleted == 0)
        {
            completed.SdkMetadata = new WorkflowTaskCompletedMetadata();
            completed.SdkMetadata.CoreUsedFlags.AddRange(CoreFlags);
        }

        lastTaskCompleted = Add(EventType.WorkflowTaskCompleted, e =>
            e.WorkflowTaskCompletedEventAttributes = completed);
        return this;
    }

    /// <summary>Schedules an activity as a command of the last workflow task; returns its event id.</summary>
    public long Schedule(string activityType)
    {
        activitiesScheduled++;
        var attributes = new ActivityTaskScheduledEventAttributes
        {
            ActivityId = activitiesScheduled.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ActivityType = new ActivityType { Name = activityType },
            TaskQueue = taskQueue,
            StartToCloseTimeout = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
            WorkflowTaskCompletedEventId = lastTaskCompleted,
        };
        if (activityInputs is not null && activitiesScheduled <= activityInputs.Count)
        {
            attributes.Input = Payloads([.. activityInputs[activitiesScheduled - 1]]);
        }

        return Add(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = attributes);
    }

    /// <summary>The activity ran and returned <paramref name="result"/>; a workflow task follows.</summary>
    public HistoryBuilder Complete(long scheduledId, object? result)
    {
        var started = ActivityStarted(scheduledId);
        Add(EventType.ActivityTaskCompleted, e => e.ActivityTaskCompletedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            StartedEventId = started,
            Result = Payloads(result),
        });
        return WorkflowTask();
    }

    /// <summary>The activity failed for good (retries spent or non-retryable); a workflow task follows.</summary>
    public HistoryBuilder Fail(long scheduledId, Exception failure)
    {
        var started = ActivityStarted(scheduledId);
        Add(EventType.ActivityTaskFailed, e => e.ActivityTaskFailedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            StartedEventId = started,
            Failure = DataConverter.Default.FailureConverter.ToFailure(failure, Converter),
            RetryState = RetryState.NonRetryableFailure,
        });
        return WorkflowTask();
    }

    /// <summary>The workflow's cancel request; a workflow task follows.</summary>
    public HistoryBuilder CancelRequested()
    {
        Add(EventType.WorkflowExecutionCancelRequested, e => e.WorkflowExecutionCancelRequestedEventAttributes = new()
        {
            Cause = "test cancels the audit",
            Identity = "replay-test",
        });
        return WorkflowTask();
    }

    /// <summary>The workflow asked to cancel the activity (a command of the last workflow task).</summary>
    public HistoryBuilder ActivityCancelRequested(long scheduledId)
    {
        Add(EventType.ActivityTaskCancelRequested, e => e.ActivityTaskCancelRequestedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            WorkflowTaskCompletedEventId = lastTaskCompleted,
        });
        return this;
    }

    /// <summary>
    /// The activity saw the cancellation at a heartbeat and stopped. The server writes its started event
    /// only now, when it closes. A workflow task follows.
    /// </summary>
    public HistoryBuilder ActivityCanceled(long scheduledId)
    {
        var started = ActivityStarted(scheduledId);
        var cancelRequested = events.Last(e =>
            e.EventType == EventType.ActivityTaskCancelRequested &&
            e.ActivityTaskCancelRequestedEventAttributes.ScheduledEventId == scheduledId).EventId;
        Add(EventType.ActivityTaskCanceled, e => e.ActivityTaskCanceledEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            StartedEventId = started,
            LatestCancelRequestedEventId = cancelRequested,
        });
        return WorkflowTask();
    }

    public WorkflowHistory Completed(object? result)
    {
        Add(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new()
        {
            Result = Payloads(result),
            WorkflowTaskCompletedEventId = lastTaskCompleted,
        });
        return Build();
    }

    public WorkflowHistory Failed(Exception failure)
    {
        Add(EventType.WorkflowExecutionFailed, e => e.WorkflowExecutionFailedEventAttributes = new()
        {
            Failure = DataConverter.Default.FailureConverter.ToFailure(failure, Converter),
            RetryState = RetryState.NonRetryableFailure,
            WorkflowTaskCompletedEventId = lastTaskCompleted,
        });
        return Build();
    }

    public WorkflowHistory Canceled()
    {
        Add(EventType.WorkflowExecutionCanceled, e => e.WorkflowExecutionCanceledEventAttributes = new()
        {
            WorkflowTaskCompletedEventId = lastTaskCompleted,
        });
        return Build();
    }

    /// <summary>The history so far, without a terminal event.</summary>
    public WorkflowHistory Build() => new(WorkflowId, events.Select(e => e.Clone()).ToList());

    private long ActivityStarted(long scheduledId) =>
        Add(EventType.ActivityTaskStarted, e => e.ActivityTaskStartedEventAttributes = new()
        {
            ScheduledEventId = scheduledId,
            Identity = "replay-test",
            Attempt = 1,
        });

    private static Payloads Payloads(params object?[] values)
    {
        var payloads = new Payloads();
        payloads.Payloads_.AddRange(values.Select(Converter.ToPayload));
        return payloads;
    }

    private long Add(EventType type, Action<HistoryEvent> setAttributes)
    {
        var historyEvent = new HistoryEvent
        {
            EventId = events.Count + 1,
            EventTime = Timestamp.FromDateTime(clock),
            EventType = type,
            TaskId = events.Count + 1,
        };
        setAttributes(historyEvent);
        events.Add(historyEvent);
        clock += TimeSpan.FromMilliseconds(10);
        return historyEvent.EventId;
    }
}
