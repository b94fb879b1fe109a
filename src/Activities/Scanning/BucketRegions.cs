namespace AgentWorkflows.Activities.Scanning;

/// <summary>Turns what GetBucketLocation answers into a region name.</summary>
public static class BucketRegions
{
    /// <summary>The region S3 answers with an empty location constraint.</summary>
    public const string Default = "us-east-1";

    /// <summary>
    /// S3 answers an empty (or null) location for us-east-1, and the legacy <c>EU</c> for eu-west-1;
    /// every other answer is the region name itself.
    /// </summary>
    public static string FromLocation(string? location)
    {
        var value = location?.Trim();
        if (string.IsNullOrEmpty(value) || string.Equals(value, "US", StringComparison.OrdinalIgnoreCase))
        {
            return Default;
        }

        return string.Equals(value, "EU", StringComparison.OrdinalIgnoreCase) ? "eu-west-1" : value;
    }
}
