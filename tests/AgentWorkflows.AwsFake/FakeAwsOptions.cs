using Microsoft.Extensions.Time.Testing;

namespace AgentWorkflows.AwsFake;

/// <summary>
/// Settings of a <see cref="FakeAws"/> server. Everything here can also be changed later on the server.
/// </summary>
public sealed class FakeAwsOptions
{
    /// <summary>
    /// Clock used for session issue and expiry times, policy propagation and timestamps in responses.
    /// When null, a <see cref="FakeTimeProvider"/> starting at the real current time is created, so tests
    /// can move time with <see cref="FakeAws.Advance"/>.
    /// </summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Delay added on the server to every request (real time, via Task.Delay); zero by default.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>
    /// How many authorized calls of a role's sessions still see the previous version of a changed inline
    /// role policy (so a freshly written Deny is not yet enforced). Zero enforces changes at once.
    /// </summary>
    public int RevocationPropagationCalls { get; set; }

    /// <summary>
    /// How long (on <see cref="Time"/>) a changed inline role policy stays unenforced. Both this and
    /// <see cref="RevocationPropagationCalls"/> must have passed before the new version counts.
    /// </summary>
    public TimeSpan RevocationPropagationDelay { get; set; }
}
