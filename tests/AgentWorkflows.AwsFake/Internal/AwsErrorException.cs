namespace AgentWorkflows.AwsFake.Internal;

/// <summary>An AWS error to answer; the writer shapes it for the service's protocol.</summary>
internal sealed class AwsErrorException : Exception
{
    public AwsErrorException(int status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }

    /// <summary>Extra child elements of the S3 Error element (BucketName, Key, Endpoint…).</summary>
    public Dictionary<string, string> Details { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra response headers (x-amz-bucket-region…).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public AwsErrorException WithDetail(string name, string value)
    {
        Details[name] = value;
        return this;
    }

    public AwsErrorException WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
