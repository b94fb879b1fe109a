namespace AgentWorkflows.Activities.Scanning;

/// <summary>A bucket being read and the region its reads go to; a redirect moves the region.</summary>
internal sealed class BucketTarget(string name)
{
    public string Name { get; } = name;

    public string Region { get; set; } = BucketRegions.Default;

    /// <summary>S3 calls sent for this bucket, attempts and redirects included.</summary>
    public int Calls { get; set; }
}
