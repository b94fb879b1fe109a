namespace AgentWorkflows.AwsFake;

/// <summary>
/// The full credentials the fake issued for one AssumeRole session, secret and token included. Only
/// for leak tests that must search for the real values; see <see cref="FakeAws.IssuedCredentialsForLeakTests"/>.
/// </summary>
public sealed record FakeIssuedCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken)
{
    /// <summary>Keeps the secret and the token out of test output when an assertion prints the record.</summary>
    public override string ToString() => $"FakeIssuedCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
