using System.Text.Json;
using AgentWorkflows.Activities.Identity;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

public sealed class SessionPolicyTests
{
    private static readonly string[] WriteVerbs =
        ["Put", "Delete", "Create", "Update", "Replicate", "Restore", "Abort", "Bypass", "Tag", "Untag"];

    [Fact]
    public void Json_AuditSessionPolicy_AllowsOnlyTheListedReads()
    {
        using var document = JsonDocument.Parse(AuditSessionPolicy.Json);
        var statement = Assert.Single(document.RootElement.GetProperty("Statement").EnumerateArray().ToList());
        var actions = statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToList();

        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(AuditSessionPolicy.Actions, actions);
        Assert.All(actions, a => Assert.Matches("^s3:(List|Get)[A-Za-z]+$", a));
    }

    [Fact]
    public void Actions_AuditSessionPolicy_ContainNoWriteOrWildcard()
    {
        Assert.All(AuditSessionPolicy.Actions, action =>
        {
            Assert.DoesNotContain("*", action, StringComparison.Ordinal);
            var verb = action.Split(':')[1];
            Assert.DoesNotContain(WriteVerbs, w => verb.StartsWith(w, StringComparison.Ordinal));
        });
        Assert.Contains("s3:ListAllMyBuckets", AuditSessionPolicy.Actions);
    }
}
