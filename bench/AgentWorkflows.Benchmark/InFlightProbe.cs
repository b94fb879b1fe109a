using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// Follows the HTTP requests in flight, as .NET's own meters count them: requests the fake's Kestrel
/// server is answering, requests the clients have sent, and open client connections. It keeps the
/// peak and the time-weighted mean of each, which shows how much of the asked concurrency a mode
/// really reached.
/// </summary>
internal sealed class InFlightProbe : IDisposable
{
    private const string ServerRequests = "http.server.active_requests";
    private const string ClientRequests = "http.client.active_requests";
    private const string ClientConnections = "http.client.open_connections";

    private readonly MeterListener listener = new();
    private readonly Dictionary<string, Gauge> gauges = new(StringComparer.Ordinal)
    {
        [ServerRequests] = new(),
        [ClientRequests] = new(),
        [ClientConnections] = new(),
    };

    private readonly Lock gate = new();
    private readonly long started = Stopwatch.GetTimestamp();

    private InFlightProbe()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (gauges.ContainsKey(instrument.Name))
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, delta, _, _) => Record(instrument.Name, delta));
        listener.SetMeasurementEventCallback<int>((instrument, delta, _, _) => Record(instrument.Name, delta));
        listener.Start();
    }

    public static InFlightProbe Start() => new();

    /// <summary>Peak and mean of requests the server was answering at once.</summary>
    public (long Peak, double Mean) Server => Read(ServerRequests);

    /// <summary>Peak and mean of requests the clients had sent and not yet seen answered.</summary>
    public (long Peak, double Mean) Client => Read(ClientRequests);

    /// <summary>Peak and mean of open client connections (idle ones included).</summary>
    public (long Peak, double Mean) Connections => Read(ClientConnections);

    public void Dispose() => listener.Dispose();

    private void Record(string name, long delta)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            gauges[name].Change(delta, now);
        }
    }

    private (long Peak, double Mean) Read(string name)
    {
        var now = Stopwatch.GetTimestamp();
        lock (gate)
        {
            var gauge = gauges[name];
            gauge.Change(0, now);
            var elapsed = now - started;
            return (gauge.Peak, elapsed <= 0 ? 0 : gauge.Area / elapsed);
        }
    }

    /// <summary>
    /// A level moved by +/- deltas. Connections opened before the probe started can make it dip
    /// below zero; the level is then clamped for the peak and the mean.
    /// </summary>
    private sealed class Gauge
    {
        private long level;
        private long lastChange = Stopwatch.GetTimestamp();

        public long Peak { get; private set; }

        public double Area { get; private set; }

        public void Change(long delta, long now)
        {
            Area += Math.Max(0, level) * (double)(now - lastChange);
            lastChange = now;
            level += delta;
            Peak = Math.Max(Peak, level);
        }
    }
}
