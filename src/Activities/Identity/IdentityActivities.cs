using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Amazon.S3;
using ListBucketsRequest = Amazon.S3.Model.ListBucketsRequest;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Microsoft.Extensions.Logging;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace AgentWorkflows.Activities.Identity;

/// <summary>
/// The identity bracket around an audit: assume a narrow session, verify it, and after the report
/// revoke it (only it) and prove the revocation with a call that must now be denied.
/// </summary>
public sealed partial class IdentityActivities
{
    private const string ProofCall = "s3:ListBuckets";

    private readonly IAwsClientFactory _clients;
    private readonly ISessionSealer _sealer;
    private readonly ILogger<IdentityActivities> _logger;
    private readonly TimeProvider _time;

    public IdentityActivities(
        IAwsClientFactory clients, ISessionSealer sealer, ILogger<IdentityActivities> logger, TimeProvider time)
    {
        _clients = clients ?? throw new ArgumentNullException(nameof(clients));
        _sealer = sealer ?? throw new ArgumentNullException(nameof(sealer));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// STS AssumeRole with the worker's credentials, narrowed by <see cref="AuditSessionPolicy"/>.
    /// Returns the session with its credentials sealed. STS validation errors fail at once, non-retryable.
    /// </summary>
    [Activity(ActivityNames.AssumeRole)]
    public async Task<SessionHandle> AssumeRoleAsync(AssumeRoleInput input)
    {
        IdentityRules.CheckAssumeRole(input);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var sts = _clients.CreateSts(_clients.WorkerCredentials);

        if (input.DurationSeconds > IdentityRules.MaxChainedDurationSeconds)
        {
            await RefuseLongChainedSessionAsync(sts, input, cancellationToken).ConfigureAwait(false);
        }

        AssumeRoleResponse response;
        try
        {
            response = await sts.AssumeRoleAsync(BuildRequest(input), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            var failure = AwsErrorMapping.ToFailure("STS AssumeRole", ex);
            LogAssumeFailed(_logger, input.RoleArn, input.SessionName, failure.ErrorType, failure.Message);
            throw failure;
        }

        var keys = response.Credentials;
        var expiresAt = keys.Expiration is { } expiration
            ? AsUtc(expiration)
            : _time.GetUtcNow().AddSeconds(input.DurationSeconds);
        var sealedKeys = _sealer.Seal(
            new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken),
            input.SessionName,
            input.RoleArn);

        LogAssumed(_logger, input.RoleArn, input.SessionName, expiresAt);
        return new SessionHandle(
            input.RoleArn, input.SessionName, response.AssumedRoleUser.Arn, expiresAt, sealedKeys);
    }

    /// <summary>
    /// GetCallerIdentity with the session's own credentials; its ARN must equal the expected one exactly,
    /// otherwise a non-retryable <see cref="ErrorTypes.IdentityMismatch"/>.
    /// </summary>
    [Activity(ActivityNames.VerifyIdentity)]
    public async Task<CallerIdentity> VerifyIdentityAsync(VerifyIdentityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var sts = _clients.CreateSts(_sealer.Unseal(input.Session));

        var response = await GetCallerIdentityAsync(sts, "STS GetCallerIdentity", cancellationToken)
            .ConfigureAwait(false);

        if (!string.Equals(response.Arn, input.ExpectedArn, StringComparison.Ordinal))
        {
            LogMismatch(_logger, input.Session.SessionName, input.ExpectedArn, response.Arn);
            throw new ApplicationFailureException(
                $"GetCallerIdentity returned '{response.Arn}' but the session must be '{input.ExpectedArn}'; " +
                "stopping before any S3 call.",
                ErrorTypes.IdentityMismatch,
                nonRetryable: true);
        }

        LogVerified(_logger, input.Session.SessionName, response.Arn);
        return new CallerIdentity(response.Arn, response.Account, response.UserId);
    }

    /// <summary>
    /// With the worker's identity, attaches to the role an inline Deny-all keyed on this session's
    /// <c>aws:userid</c> and, when <see cref="RevokeSessionInput.RunId"/> is given, on the run-id session tag,
    /// so only this run's sessions die even when another run uses the same session name. Idempotent (the
    /// policy name is deterministic), and deletes earlier revocation policies whose sessions expired more
    /// than <see cref="RevocationPolicy.DeleteMargin"/> ago.
    /// </summary>
    [Activity(ActivityNames.RevokeSession)]
    public async Task<RevocationRecord> RevokeSessionAsync(RevokeSessionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var roleName = IdentityRules.RoleNameOf(input.RoleArn);
        IdentityRules.CheckSessionName(input.SessionName);
        IdentityRules.CheckRunId(input.RunId);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var iam = _clients.CreateIam(_clients.WorkerCredentials);

        var userId = await SessionUserIdAsync(iam, roleName, input, cancellationToken).ConfigureAwait(false);
        var policyName = RevocationPolicy.NameFor(input.SessionName, input.ExpiresAt, input.RunId);
        var removed = await DeleteExpiredDeniesAsync(iam, roleName, policyName, cancellationToken)
            .ConfigureAwait(false);

        try
        {
            var document = RevocationPolicy.Document(userId, input.RunId);
            await iam.PutRolePolicyAsync(roleName, policyName, document, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceError error) when (error.ErrorCode == "LimitExceeded")
        {
            throw new ApplicationFailureException(
                $"IAM PutRolePolicy failed: LimitExceeded (HTTP {(int)error.StatusCode}): role '{roleName}' has " +
                $"no room left in its 10,240-character inline policy quota ({removed} expired revocation " +
                $"policies were deleted first). Session '{input.SessionName}' is NOT revoked and stays valid " +
                $"until {input.ExpiresAt:O}. Delete unused inline policies of the role, then retry the revocation.",
                ErrorTypes.AwsPrefix + "LimitExceeded",
                nonRetryable: true);
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            throw AwsErrorMapping.ToFailure("IAM PutRolePolicy", ex);
        }

        LogRevoked(_logger, input.SessionName, roleName, policyName);
        return new RevocationRecord(roleName, policyName);
    }

    /// <summary>
    /// With the session's credentials, calls S3 ListBuckets, which the session policy allowed: AccessDenied
    /// (or ExpiredToken: the credentials are dead either way) proves the revocation; success is a
    /// retryable <see cref="ErrorTypes.RevocationUnproven"/> while IAM propagates the deny.
    /// GetCallerIdentity is never used: it answers even under an explicit deny.
    /// </summary>
    [Activity(ActivityNames.ProveRevoked)]
    public async Task<RevocationProof> ProveRevokedAsync(ProveRevokedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        var s3 = _clients.CreateS3(_sealer.Unseal(input.Session), _clients.Region);

        try
        {
            await s3.ListBucketsAsync(new ListBucketsRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (AwsErrorMapping.IsAccessDeniedCode(ex.ErrorCode))
        {
            LogProven(_logger, input.Session.SessionName, ProofCall, ex.ErrorCode);
            return new RevocationProof(ProofCall, ex.ErrorCode);
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode is "ExpiredToken" or "ExpiredTokenException")
        {
            LogProvenByExpiry(_logger, input.Session.SessionName, ProofCall, ex.ErrorCode);
            return new RevocationProof(ProofCall, ex.ErrorCode);
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            throw AwsErrorMapping.ToFailure("S3 ListBuckets (revocation proof)", ex);
        }

        LogStillAllowed(_logger, input.Session.SessionName, ProofCall);
        throw new ApplicationFailureException(
            $"Revoked session '{input.Session.SessionName}' was still allowed {ProofCall}; " +
            "IAM may still be propagating the deny, so the proof is tried again.",
            ErrorTypes.RevocationUnproven,
            nonRetryable: false);
    }

    private static AssumeRoleRequest BuildRequest(AssumeRoleInput input)
    {
        var request = new AssumeRoleRequest
        {
            RoleArn = input.RoleArn,
            RoleSessionName = input.SessionName,
            DurationSeconds = input.DurationSeconds,
            Policy = AuditSessionPolicy.Json,
            Tags = [.. (input.SessionTags ?? new Dictionary<string, string>())
                .Select(tag => new Tag { Key = tag.Key, Value = tag.Value })],
        };
        if (!string.IsNullOrEmpty(input.SourceIdentity))
        {
            request.SourceIdentity = input.SourceIdentity;
        }

        if (!string.IsNullOrEmpty(input.ExternalId))
        {
            request.ExternalId = input.ExternalId;
        }

        return request;
    }

    private static DateTimeOffset AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero),
        _ => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc), TimeSpan.Zero),
    };

    private static async Task<GetCallerIdentityResponse> GetCallerIdentityAsync(
        IAmazonSecurityTokenService sts, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            throw AwsErrorMapping.ToFailure(operation, ex);
        }
    }

    // Role chaining: a session assumed by an assumed-role session lasts at most one hour, and STS answers
    // a longer request with ValidationError. Refuse with the reason instead of spending an STS call.
    private async Task RefuseLongChainedSessionAsync(
        IAmazonSecurityTokenService sts, AssumeRoleInput input, CancellationToken cancellationToken)
    {
        var worker = await GetCallerIdentityAsync(sts, "STS GetCallerIdentity (worker)", cancellationToken)
            .ConfigureAwait(false);

        if (worker.Arn?.Contains(":assumed-role/", StringComparison.Ordinal) == true)
        {
            LogChainingRefused(_logger, input.RoleArn, input.DurationSeconds, worker.Arn);
            throw IdentityRules.Invalid(
                $"Session duration {input.DurationSeconds} s exceeds the {IdentityRules.MaxChainedDurationSeconds} s " +
                $"limit of role chaining: the worker itself runs as the assumed-role session '{worker.Arn}'. " +
                $"Ask for at most {IdentityRules.MaxChainedDurationSeconds} s, or give the worker " +
                "non-session credentials.");
        }
    }

    private async Task<string> SessionUserIdAsync(
        IIamClient iam, string roleName, RevokeSessionInput input, CancellationToken cancellationToken)
    {
        if (input.SessionUserId is { } known)
        {
            if (!known.EndsWith(":" + input.SessionName, StringComparison.Ordinal))
            {
                throw IdentityRules.Invalid(
                    $"Session user id '{known}' must be ROLEID:{input.SessionName} for session " +
                    $"'{input.SessionName}'.");
            }

            return known;
        }

        try
        {
            var role = await iam.GetRoleAsync(roleName, cancellationToken).ConfigureAwait(false);
            return $"{role.RoleId}:{input.SessionName}";
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            throw AwsErrorMapping.ToFailure("IAM GetRole", ex);
        }
    }

    // Best effort: a failure here must not stand between the session and its revocation.
    private async Task<int> DeleteExpiredDeniesAsync(
        IIamClient iam, string roleName, string keepPolicy, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var removed = 0;
        try
        {
            var names = await iam.ListRolePoliciesAsync(roleName, cancellationToken).ConfigureAwait(false);
            foreach (var name in names)
            {
                if (name == keepPolicy || !RevocationPolicy.IsDeletable(name, now))
                {
                    continue;
                }

                try
                {
                    await iam.DeleteRolePolicyAsync(roleName, name, cancellationToken).ConfigureAwait(false);
                    removed++;
                    LogDeletedExpired(_logger, roleName, name);
                }
                catch (AwsServiceError error) when (error.ErrorCode == "NoSuchEntity")
                {
                    // Another run deleted it first.
                }
            }
        }
        catch (Exception ex) when (AwsErrorMapping.IsMappable(ex, cancellationToken))
        {
            LogCleanupFailed(_logger, roleName, AwsErrorMapping.CodeOf(ex) ?? ex.GetType().Name);
        }

        return removed;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information,
        Message = "Assumed {RoleArn} as session {SessionName}; credentials expire at {ExpiresAt}")]
    private static partial void LogAssumed(
        ILogger logger, string roleArn, string sessionName, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning,
        Message = "AssumeRole of {RoleArn} for session {SessionName} failed ({ErrorType}): {Reason}")]
    private static partial void LogAssumeFailed(
        ILogger logger, string roleArn, string sessionName, string? errorType, string reason);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning,
        Message = "Refused {DurationSeconds} s session of {RoleArn}: the worker is the chained session {WorkerArn}")]
    private static partial void LogChainingRefused(
        ILogger logger, string roleArn, int durationSeconds, string workerArn);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information,
        Message = "Verified session {SessionName} as {CallerArn}")]
    private static partial void LogVerified(ILogger logger, string sessionName, string callerArn);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error,
        Message = "Session {SessionName} is {ActualArn}, expected {ExpectedArn}")]
    private static partial void LogMismatch(
        ILogger logger, string sessionName, string expectedArn, string actualArn);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Information,
        Message = "Revoked session {SessionName} with inline policy {PolicyName} on role {RoleName}")]
    private static partial void LogRevoked(ILogger logger, string sessionName, string roleName, string policyName);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Information,
        Message = "Deleted expired revocation policy {PolicyName} of role {RoleName}")]
    private static partial void LogDeletedExpired(ILogger logger, string roleName, string policyName);

    [LoggerMessage(EventId = 1208, Level = LogLevel.Warning,
        Message = "Could not clean expired revocation policies of role {RoleName} ({ErrorCode}); revoking anyway")]
    private static partial void LogCleanupFailed(ILogger logger, string roleName, string errorCode);

    [LoggerMessage(EventId = 1209, Level = LogLevel.Information,
        Message = "Revocation of session {SessionName} proven: {Call} answered {ErrorCode}")]
    private static partial void LogProven(ILogger logger, string sessionName, string call, string errorCode);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information,
        Message = "Session {SessionName} is dead: {Call} answered {ErrorCode}, the credentials expired")]
    private static partial void LogProvenByExpiry(ILogger logger, string sessionName, string call, string errorCode);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning,
        Message = "Revoked session {SessionName} was still allowed {Call}; IAM may still be propagating")]
    private static partial void LogStillAllowed(ILogger logger, string sessionName, string call);
}
