namespace AgentWorkflows.Activities.Scanning;

/// <summary>S3 refused the session's token (expired or invalid): the batch must stop and a new session start.</summary>
internal sealed class SessionTokenRejectedException(string bucket, string errorCode)
    : Exception($"S3 answered {errorCode} while reading bucket '{bucket}': the session's token is no longer valid.")
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>S3 kept throttling one call after every allowed attempt.</summary>
internal sealed class ThrottleExhaustedException(string bucket, string permission, int attempts, string errorCode)
    : Exception(
        $"S3 throttled {permission} on bucket '{bucket}' {attempts} times in a row ({errorCode}); " +
        "the batch resumes from its last heartbeat on the next attempt.")
{
    public string ErrorCode { get; } = errorCode;
}
