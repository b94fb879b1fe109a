using System.Text.Json;
using AgentWorkflows.Activities.Identity;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

public sealed class RevocationPolicyTests
{
    private static readonly DateTimeOffset Expiry = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void NameFor_LongestSessionName_FitsIamPolicyNameRules()
    {
        var session = new string('s', 60) + "@.=-";

        var name = RevocationPolicy.NameFor(session, Expiry);

        Assert.True(name.Length <= 128, $"{name.Length} characters");
        Assert.Matches(@"^[\w+=,.@-]+$", name);
        Assert.Equal(name, RevocationPolicy.NameFor(session, Expiry));
    }

    [Fact]
    public void ExpiryOf_OwnName_RoundTrips()
    {
        Assert.Equal(Expiry, RevocationPolicy.ExpiryOf(RevocationPolicy.NameFor("aw-run-1", Expiry)));
    }

    [Theory]
    [InlineData("SomeOtherPolicy")]
    [InlineData("AgentWorkflowsRevoke-aw-run-1")]
    [InlineData("AgentWorkflowsRevoke-12-aw-run-1")]
    public void ExpiryOf_ForeignName_IsNull(string name)
    {
        Assert.Null(RevocationPolicy.ExpiryOf(name));
    }

    [Fact]
    public void IsDeletable_WithinMarginAfterExpiry_IsFalseThenTrue()
    {
        var name = RevocationPolicy.NameFor("aw-run-1", Expiry);

        Assert.False(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(59)));
        Assert.True(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(61)));
        Assert.False(RevocationPolicy.IsDeletable("ManualDeny", Expiry.AddYears(5)));
    }

    [Fact]
    public void Document_SessionUserId_DeniesEverythingForThatUserIdOnly()
    {
        using var document = JsonDocument.Parse(RevocationPolicy.Document("AROAEXAMPLEROLEID1234:aw-run-1"));
        var statement = document.RootElement.GetProperty("Statement")[0];

        Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
        Assert.Equal("*", statement.GetProperty("Action").GetString());
        Assert.Equal("*", statement.GetProperty("Resource").GetString());
        Assert.Equal(
            "AROAEXAMPLEROLEID1234:aw-run-1",
            statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("aws:userid").GetString());
    }
}
