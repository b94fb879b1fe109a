using AgentWorkflows.Worker.Configuration;

namespace AgentWorkflows.Integration.Tests.Host;

public sealed class TemporalOptionsValidatorTests
{
    [Theory]
    [InlineData("127.0.0.1:7233")]
    [InlineData("temporal:7233")]
    [InlineData("[::1]:7233")]
    [InlineData("my-namespace.a1b2c.tmprl.cloud:7233")]
    public void Check_WellFormedAddress_HasNoErrors(string address)
    {
        var errors = TemporalOptionsValidator.Check(new TemporalOptions { Address = address });

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7233", "without a scheme")]
    [InlineData("127.0.0.1", "must name a host and a port")]
    [InlineData("127.0.0.1:", "must name a host and a port")]
    [InlineData(":7233", "must name a host and a port")]
    [InlineData("127.0.0.1:70000", "port must be a number from 1 to 65535")]
    [InlineData("127.0.0.1:abc", "port must be a number from 1 to 65535")]
    [InlineData("::1:7233", "IPv6 host in brackets")]
    [InlineData("temporal :7233", "without spaces")]
    [InlineData("temporal:7233/ns", "without spaces or a path")]
    public void Check_BadAddress_NamesValueVariableAndRule(string address, string rule)
    {
        var errors = TemporalOptionsValidator.Check(new TemporalOptions { Address = address });

        var error = Assert.Single(errors);
        Assert.Contains($"'{address}'", error, StringComparison.Ordinal);
        Assert.Contains("TEMPORAL_ADDRESS", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin:PW123@127.0.0.1:7233", "without user info")]
    [InlineData("http://admin:PW123@127.0.0.1:7233", "without a scheme")]
    public void Check_AddressWithUserInfo_RefusesItWithoutShowingIt(string address, string rule)
    {
        var error = Assert.Single(TemporalOptionsValidator.Check(new TemporalOptions { Address = address }));

        Assert.DoesNotContain("PW123", error, StringComparison.Ordinal);
        Assert.Contains("(TEMPORAL_ADDRESS)", error, StringComparison.Ordinal);
        Assert.Contains(rule, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoAddress_IsAllowed()
    {
        Assert.Empty(TemporalOptionsValidator.Check(new TemporalOptions { Address = null }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void Check_BadNamespaceAndTaskQueue_NamesBoth(string value)
    {
        var errors = TemporalOptionsValidator.Check(new TemporalOptions { Namespace = value, TaskQueue = value });

        Assert.Equal(2, errors.Count);
        Assert.Contains(
            errors, e => e.Contains($"Temporal:Namespace '{value}' (TEMPORAL_NAMESPACE)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains($"Temporal:TaskQueue '{value}'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3600)]
    public void Check_ShutdownTimeoutOutOfRange_IsRejected(int seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);

        var errors = TemporalOptionsValidator.Check(new TemporalOptions { GracefulShutdownTimeout = timeout });

        var error = Assert.Single(errors);
        Assert.Contains($"GracefulShutdownTimeout {timeout}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new TemporalOptions();

        Assert.Null(options.Address);
        Assert.Equal("default", options.Namespace);
        Assert.Equal("agentworkflows-s3-audit", options.TaskQueue);
        Assert.Empty(TemporalOptionsValidator.Check(options));
    }
}
