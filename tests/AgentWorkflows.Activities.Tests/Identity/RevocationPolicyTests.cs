using System.Text.Json;
using AgentWorkflows.Activities.Identity;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

public sealed class RevocationPolicyTests
{
    private const string RunA = "0f7c2a51-3d6e-4b8a-9c10-2e5f6a7b8c9d";
    private const string RunB = "6a1d9e04-7b2c-4f3e-8d5a-1c0b9e8f7a6d";

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

        Assert.False(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(9)));
        Assert.True(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(11)));
        Assert.False(RevocationPolicy.IsDeletable("ManualDeny", Expiry.AddYears(5)));
    }

    [Fact]
    public void IsDeletable_ExpiredElevenMinutesAgo_IsCollectedButNineMinutesAgoIsKept()
    {
        var now = Expiry;
        var elevenAgo = RevocationPolicy.NameFor("aw-run-1", now.AddMinutes(-11), RunA);
        var nineAgo = RevocationPolicy.NameFor("aw-run-2", now.AddMinutes(-9), RunB);

        Assert.True(RevocationPolicy.IsDeletable(elevenAgo, now));
        Assert.False(RevocationPolicy.IsDeletable(nineAgo, now));
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

    [Fact]
    public void NameFor_SameSessionNameTwoRuns_DistinctNames()
    {
        var first = RevocationPolicy.NameFor("agent-7-nightly", Expiry, RunA);
        var second = RevocationPolicy.NameFor("agent-7-nightly", Expiry, RunB);

        Assert.NotEqual(first, second);
        Assert.Equal(first, RevocationPolicy.NameFor("agent-7-nightly", Expiry, RunA));
        Assert.NotEqual(RevocationPolicy.NameFor("agent-7-nightly", Expiry), first);
    }

    [Fact]
    public void NameFor_LongestSessionNameWithRunId_FitsIamPolicyNameRules()
    {
        var session = new string('s', 60) + "@.=-";

        var name = RevocationPolicy.NameFor(session, DateTimeOffset.MaxValue, RunA);

        Assert.True(name.Length <= 128, $"{name.Length} characters");
        Assert.Matches(@"^[\w+=,.@-]+$", name);
        Assert.EndsWith("-" + session, name, StringComparison.Ordinal);
        Assert.DoesNotContain(RunA, name, StringComparison.Ordinal);
    }

    [Fact]
    public void ExpiryOf_NameWithRunId_RoundTripsAndIsCollectedAfterTheMargin()
    {
        var name = RevocationPolicy.NameFor("agent-7-nightly", Expiry, RunA);

        Assert.Equal(Expiry, RevocationPolicy.ExpiryOf(name));
        Assert.False(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(9)));
        Assert.True(RevocationPolicy.IsDeletable(name, Expiry.AddMinutes(11)));
    }

    [Fact]
    public void Document_RunId_RequiresUserIdAndRunTagInOneStringEquals()
    {
        using var document = JsonDocument.Parse(RevocationPolicy.Document("AROAEXAMPLEROLEID1234:shared", RunA));
        var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray());
        var condition = statement.GetProperty("Condition");

        Assert.Equal("Deny", statement.GetProperty("Effect").GetString());
        var block = Assert.Single(condition.EnumerateObject());
        Assert.Equal("StringEquals", block.Name);
        Assert.Equal(
            new[] { ("aws:PrincipalTag/agentworkflows:run-id", RunA), ("aws:userid", "AROAEXAMPLEROLEID1234:shared") },
            block.Value.EnumerateObject().Select(k => (k.Name, k.Value.GetString()!)).OrderBy(k => k.Name,
                StringComparer.Ordinal));
    }

    [Fact]
    public void Document_NoRunId_HasNoRunTagCondition()
    {
        using var document = JsonDocument.Parse(RevocationPolicy.Document("AROAEXAMPLEROLEID1234:aw-run-1"));
        var equals = document.RootElement.GetProperty("Statement")[0].GetProperty("Condition")
            .GetProperty("StringEquals");

        Assert.Equal(["aws:userid"], equals.EnumerateObject().Select(k => k.Name));
    }
}
