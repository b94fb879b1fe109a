using Temporalio.Worker.Interceptors;
using Temporalio.Workflows;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// One activity the workflow scheduled during replay, with the arguments it passed and the workflow's
/// now at that moment (the start time of the workflow task that scheduled it).
/// </summary>
public sealed record RecordedActivity(
    string Name, IReadOnlyList<object?> Args, ActivityOptions Options, DateTime ScheduledAt)
{
    public T Arg<T>() => (T)Args.Single()!;
}

/// <summary>
/// Worker interceptor for the replayer. Replay compares activity types and ids with the history but not
/// arguments, so this records each scheduled activity's arguments, and the run's final exception, for
/// the tests to assert on.
/// </summary>
public sealed class ActivityRecorder : IWorkerInterceptor
{
    private readonly List<RecordedActivity> activities = [];

    public IReadOnlyList<RecordedActivity> Activities => activities;

    public IEnumerable<string> Names => activities.Select(a => a.Name);

    /// <summary>What the run method threw, when it threw.</summary>
    public Exception? RunException { get; private set; }

    /// <summary>What the run method returned, when it returned.</summary>
    public object? RunResult { get; private set; }

    public WorkflowInboundInterceptor InterceptWorkflow(WorkflowInboundInterceptor nextInterceptor) =>
        new Inbound(nextInterceptor, this);

    private sealed class Inbound(WorkflowInboundInterceptor next, ActivityRecorder recorder)
        : WorkflowInboundInterceptor(next)
    {
        public override void Init(WorkflowOutboundInterceptor outbound) =>
            base.Init(new Outbound(outbound, recorder));

        public override async Task<object?> ExecuteWorkflowAsync(ExecuteWorkflowInput input)
        {
            try
            {
                recorder.RunResult = await base.ExecuteWorkflowAsync(input);
                return recorder.RunResult;
            }
            catch (Exception e)
            {
                recorder.RunException = e;
                throw;
            }
        }
    }

    private sealed class Outbound(WorkflowOutboundInterceptor next, ActivityRecorder recorder)
        : WorkflowOutboundInterceptor(next)
    {
        public override Task<TResult> ScheduleActivityAsync<TResult>(ScheduleActivityInput input)
        {
            recorder.activities.Add(
                new RecordedActivity(input.Activity, [.. input.Args], input.Options, Workflow.UtcNow));
            return base.ScheduleActivityAsync<TResult>(input);
        }
    }
}
