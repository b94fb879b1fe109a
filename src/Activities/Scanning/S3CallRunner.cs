using Amazon.Runtime;
using Amazon.S3;
using AgentWorkflows.Activities.Verdicts;

namespace AgentWorkflows.Activities.Scanning;

/// <summary>
/// Runs one S3 read of a bucket and turns its outcome into an <see cref="S3Read{T}"/>: the "none set"
/// 404 codes become Absent, 403 becomes Denied, other errors Failed. Throttled calls are retried with
/// exponential back-off and jitter; a 301 is followed once to the region S3 names. An expired session
/// or throttling past the last attempt is thrown, never folded into the read. Every attempt waits for a
/// slot of the worker-wide <see cref="S3CallLimiter"/> and holds it only until S3 answers.
/// </summary>
internal sealed class S3CallRunner(
    Func<string, IAmazonS3> clientForRegion,
    S3AuditOptions options,
    TimeProvider time,
    S3CallLimiter limiter,
    Action? beforeBackOff = null)
{
    public async Task<S3Read<T>> ReadAsync<T>(
        BucketTarget target,
        string permission,
        IReadOnlyCollection<string> absentCodes,
        Func<IAmazonS3, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        var redirected = false;
        var attempt = 0;
        while (true)
        {
            attempt++;
            var region = target.Region;
            try
            {
                var value = await limiter.RunAsync(
                    () =>
                    {
                        target.CountCall();
                        return call(clientForRegion(region), cancellationToken);
                    },
                    cancellationToken).ConfigureAwait(false);
                return S3Read<T>.Found(value, permission);
            }
            catch (AmazonServiceException error) when (!cancellationToken.IsCancellationRequested)
            {
                if (S3ErrorCodes.IsSessionExpired(error))
                {
                    throw new SessionTokenRejectedException(target.Name, error.ErrorCode);
                }

                if (error.ErrorCode is { } code && absentCodes.Contains(code))
                {
                    return S3Read<T>.None(permission);
                }

                if (S3ErrorCodes.IsRedirect(error))
                {
                    var named = S3ErrorCodes.RedirectRegion(error);
                    if (redirected || string.IsNullOrEmpty(named) || named == region
                        || !target.TryFollowRedirect(region, named))
                    {
                        var why = $"redirect from '{region}' to region '{named}' not followed";
                        return S3Read<T>.Error(permission, $"{S3ErrorCodes.Describe(error)}: {why}");
                    }

                    redirected = true;
                    attempt--;
                    continue;
                }

                if (S3ErrorCodes.IsThrottled(error))
                {
                    if (attempt >= options.ThrottleMaxAttempts)
                    {
                        throw new ThrottleExhaustedException(
                            target.Name, permission, attempt, error.ErrorCode ?? "503");
                    }

                    await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                return S3ErrorCodes.IsDenied(error)
                    ? S3Read<T>.Denied(permission, S3ErrorCodes.Describe(error))
                    : S3Read<T>.Error(permission, S3ErrorCodes.Describe(error));
            }
            catch (Exception error) when (error is not AmazonServiceException
                                          && !cancellationToken.IsCancellationRequested)
            {
                // Transport faults (connection reset, timeout) leave this one read unknown, not the batch.
                return S3Read<T>.Error(permission, $"{error.GetType().Name} before S3 answered");
            }
        }
    }

    /// <summary>
    /// Waits before attempt <paramref name="attempt"/> + 1: the base delay doubled per attempt, capped,
    /// of which a random half is dropped so that throttled callers spread out.
    /// </summary>
    internal TimeSpan BackOffDelay(int attempt, double random)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(
            options.ThrottleMaxDelay.TotalMilliseconds,
            options.ThrottleBaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (ceiling / 2 * random));
    }

    private async Task BackOffAsync(int attempt, CancellationToken cancellationToken)
    {
        beforeBackOff?.Invoke();
#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic randomness.
        var delay = BackOffDelay(attempt, Random.Shared.NextDouble());
#pragma warning restore CA5394
        await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
    }
}
