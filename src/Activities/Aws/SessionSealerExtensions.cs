using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;

namespace AgentWorkflows.Activities.Aws;

/// <summary>Helpers over <see cref="ISessionSealer"/>.</summary>
public static class SessionSealerExtensions
{
    /// <summary>Opens the credentials of <paramref name="session"/>.</summary>
    public static SessionAWSCredentials Unseal(this ISessionSealer sealer, SessionHandle session)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        ArgumentNullException.ThrowIfNull(session);
        return sealer.Unseal(session.SealedCredentials, session.SessionName, session.RoleArn);
    }
}
