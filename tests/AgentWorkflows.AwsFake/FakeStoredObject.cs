namespace AgentWorkflows.AwsFake;

/// <summary>An object held in a fake bucket.</summary>
/// <param name="Key">Object key.</param>
/// <param name="Content">The bytes as written (aws-chunked framing removed).</param>
/// <param name="ContentType">Content-Type given at upload.</param>
/// <param name="ETag">Quoted hex MD5 of the content, as S3 gives for single-part uploads.</param>
/// <param name="LastModified">Fake-clock time of the upload.</param>
public sealed record FakeStoredObject(
    string Key,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    string ETag,
    DateTimeOffset LastModified)
{
    /// <summary>The content decoded as UTF-8.</summary>
    public string ContentAsString() => System.Text.Encoding.UTF8.GetString(Content.Span);
}
