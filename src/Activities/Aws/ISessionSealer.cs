using Amazon.Runtime;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Seals a session's credentials into an opaque string that may travel through workflow history, and
/// opens it again on a worker holding the same key. The session name and role ARN are bound to the
/// sealed text, so it cannot be replayed for another session.
/// </summary>
public interface ISessionSealer
{
    /// <summary>Seals the key id, secret and token; the result starts with <c>v1.</c>.</summary>
    string Seal(ImmutableCredentials credentials, string sessionName, string roleArn);

    /// <summary>Opens a sealed text.</summary>
    /// <exception cref="Temporalio.Exceptions.ApplicationFailureException">
    /// Type <see cref="AgentWorkflows.Workflows.Contracts.ErrorTypes.SessionExpired"/> when the text was
    /// sealed with another key, for another session, or was altered.
    /// </exception>
    SessionAWSCredentials Unseal(string sealedCredentials, string sessionName, string roleArn);
}
