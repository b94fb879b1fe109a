using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// The worker-wide bound on S3 calls in flight (<see cref="S3AuditOptions.MaxS3CallsInFlight"/>), shared by
/// every scan activity of the process: register it once as a singleton. A call holds its slot only while
/// it is sent and answered, never while it backs off after throttling.
/// </summary>
public sealed class S3CallLimiter : IDisposable
{
    private readonly SemaphoreSlim slots;
    private int inFlight;
    private int peak;

    /// <summary>A limiter with the configured number of slots.</summary>
    public S3CallLimiter(IOptions<S3AuditOptions> options)
        : this(options?.Value.MaxS3CallsInFlight ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>A limiter with <paramref name="capacity"/> slots (1 to 1024).</summary>
    public S3CallLimiter(int capacity)
    {
        if (capacity is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(
                nameof(capacity), capacity, $"S3 calls in flight {capacity} is outside 1 to 1024.");
        }

        Capacity = capacity;
        slots = new SemaphoreSlim(capacity, capacity);
    }

    /// <summary>Slots in all.</summary>
    public int Capacity { get; }

    /// <summary>Calls holding a slot now.</summary>
    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>Most calls that held a slot at the same time since the limiter was made.</summary>
    public int PeakInFlight => Volatile.Read(ref peak);

    /// <summary>Waits for a slot, runs <paramref name="call"/> in it and frees the slot when it ends.</summary>
    internal async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = Interlocked.Increment(ref inFlight);
        var seen = Volatile.Read(ref peak);
        while (now > seen && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
            seen = Volatile.Read(ref peak);
        }

        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => slots.Dispose();
}
