using AgentWorkflows.Activities.Scanning;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Scanning;

public sealed class BucketRegionsTests
{
    [Theory]
    [InlineData(null, "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData("US", "us-east-1")]
    [InlineData("EU", "eu-west-1")]
    [InlineData("eu-central-1", "eu-central-1")]
    [InlineData("ap-southeast-2", "ap-southeast-2")]
    public void FromLocation_LocationConstraint_MapsToRegion(string? location, string region)
    {
        Assert.Equal(region, BucketRegions.FromLocation(location));
    }
}
