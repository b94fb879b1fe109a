using System.Diagnostics;
using Temporalio.Activities;
using Temporalio.Exceptions;
using Temporalio.Worker.Interceptors;

namespace AgentWorkflows.Worker.Hosting;

/// <summary>
/// Wraps each activity execution in a span of <see cref="WorkerTelemetry.Source"/> and counts it. Tags
/// carry identifiers only (activity type, workflow id, attempt), never arguments: those hold sealed
/// credentials.
/// </summary>
public sealed class ActivityTracingInterceptor : IWorkerInterceptor
{
    /// <inheritdoc />
    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) =>
        new Inbound(nextInterceptor);

    private sealed class Inbound(ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
    {
        public override async Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
        {
            var info = ActivityExecutionContext.Current.Info;
            using var span = WorkerTelemetry.Source.StartActivity($"RunActivity:{info.ActivityType}");
            span?.SetTag("temporal.activity.type", info.ActivityType);
            span?.SetTag("temporal.workflow.id", info.WorkflowId);
            span?.SetTag("temporal.activity.attempt", info.Attempt);
            var started = Stopwatch.GetTimestamp();
            var outcome = "failed";
            try
            {
                var result = await base.ExecuteActivityAsync(input).ConfigureAwait(false);
                outcome = "completed";
                return result;
            }
            catch (Exception e) when (TemporalException.IsCanceledException(e))
            {
                outcome = "cancelled";
                throw;
            }
            catch (Exception e)
            {
                var errorType = (e as ApplicationFailureException)?.ErrorType ?? e.GetType().Name;
                span?.SetStatus(ActivityStatusCode.Error, errorType);
                throw;
            }
            finally
            {
                var tags = new TagList
                {
                    { "activity_type", info.ActivityType },
                    { "outcome", outcome },
                };
                WorkerTelemetry.ActivityExecutions.Add(1, tags);
                WorkerTelemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
            }
        }
    }
}
