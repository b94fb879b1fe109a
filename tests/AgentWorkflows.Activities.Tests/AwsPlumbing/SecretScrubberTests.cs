using AgentWorkflows.Activities.Aws;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

public sealed class SecretScrubberTests
{
    public static TheoryData<string, string> Secrets => new()
    {
        { "key ASIAQWERTYUIOPASDFGH used", "ASIAQWERTYUIOPASDFGH" },
        { "key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE" },
        { "secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY leaked", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" },
        { "token=" + new string('Q', 30) + "+/" + new string('z', 100) + "==", new string('z', 100) },
        {
            "The request signature we calculated does not match. The Canonical String for this request " +
            "should have been 'POST / x-amz-security-token:short'",
            "x-amz-security-token"
        },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Scrub_TextWithCredential_RemovesIt(string text, string secret)
    {
        var scrubbed = SecretScrubber.Scrub(text);

        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("User: arn:aws:sts::111122223333:assumed-role/AuditRole/aw-run-1 is not authorized")]
    [InlineData("Role AROAEXAMPLEROLEID1234:aw-run-1 denied on bucket example-bucket")]
    public void Scrub_OrdinaryAwsMessage_KeepsItWhole(string text)
    {
        Assert.Equal(text, SecretScrubber.Scrub(text));
    }

    [Fact]
    public void Scrub_VeryLongMessage_IsCut()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 1000));

        Assert.True(SecretScrubber.Scrub(text).Length <= SecretScrubber.MaxLength + 1);
    }
}
