using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace AgentWorkflows.Activities.Tests.Scanning;

/// <summary>
/// An <see cref="IAmazonS3"/> that forwards every call to a real client and, when S3 answers
/// GetBucketLocation of <see cref="Bucket"/> with an error, runs <see cref="OnError"/> after the answer
/// arrived and before the caller sees the error: the moment a cancellation may land in.
/// </summary>
public class LocationErrorHook : DispatchProxy
{
    private IAmazonS3 inner = null!;

    public string Bucket { get; private set; } = string.Empty;

    public Action OnError { get; private set; } = () => { };

    public static IAmazonS3 Wrap(IAmazonS3 inner, string bucket, Action onError)
    {
        var proxy = Create<IAmazonS3, LocationErrorHook>();
        var hook = (LocationErrorHook)(object)proxy;
        hook.inner = inner;
        hook.Bucket = bucket;
        hook.OnError = onError;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        return result is Task<GetBucketLocationResponse> location
               && args?[0] is GetBucketLocationRequest request && request.BucketName == Bucket
            ? ObserveAsync(location)
            : result;
    }

    private async Task<GetBucketLocationResponse> ObserveAsync(Task<GetBucketLocationResponse> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (AmazonServiceException)
        {
            OnError();
            throw;
        }
    }
}
