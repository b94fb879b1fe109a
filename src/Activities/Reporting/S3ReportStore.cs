using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace AgentWorkflows.Activities.Reporting;

/// <summary>
/// Report store in an S3 bucket under a key prefix, written with the worker's own credentials (the
/// audit session is read-only and may be revoked before the report is read).
/// </summary>
public sealed class S3ReportStore : IReportStore
{
    private readonly IAmazonS3 client;
    private readonly string bucket;
    private readonly string prefix;

    /// <param name="client">S3 client holding the worker's credentials.</param>
    /// <param name="bucket">Bucket that receives the reports.</param>
    /// <param name="keyPrefix">
    /// Folder of every key (for example <c>s3-audit</c> or <c>s3-audit/</c>): a <c>/</c> is added when it does
    /// not end with one, so the keys match an IAM resource such as <c>arn:aws:s3:::BUCKET/s3-audit/*</c>.
    /// Null or empty puts the keys at the bucket root.
    /// </param>
    public S3ReportStore(IAmazonS3 client, string bucket, string? keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        this.client = client;
        this.bucket = bucket;
        if (keyPrefix is not null && keyPrefix.StartsWith('/'))
        {
            throw new ArgumentException(
                $"Report key prefix '{keyPrefix}' starts with '/'; S3 keys in this project never do.",
                nameof(keyPrefix));
        }

        prefix = FolderOf(keyPrefix);
    }

    public async Task<string> PutTextAsync(
        string key, string content, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = FullKey(key),
            ContentBody = content,
            ContentType = contentType,
        };
        await client.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        return LocationOf(key);
    }

    public async Task<string?> GetTextAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetObjectAsync(bucket, FullKey(key), cancellationToken)
                .ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode == "NoSuchKey")
        {
            return null;
        }
    }

    public string LocationOf(string key) => $"s3://{bucket}/{FullKey(key)}";

    /// <summary>The prefix as a folder: empty for the bucket root, otherwise ending with <c>/</c>.</summary>
    internal static string FolderOf(string? keyPrefix) =>
        string.IsNullOrEmpty(keyPrefix) || keyPrefix.EndsWith('/') ? keyPrefix ?? string.Empty : keyPrefix + "/";

    private string FullKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return prefix + ReportKeys.Join(key);
    }
}
