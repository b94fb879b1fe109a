using System.Security.Cryptography;
using AgentWorkflows.Activities.Aws;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

public sealed class AesGcmSessionSealerTests
{
    private const string KeyId = "ASIAQWERTYUIOPASDFGH";
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Token = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue";
    private const string Session = "aw-run-1";
    private const string Role = "arn:aws:iam::111122223333:role/AuditRole";

    private static readonly ImmutableCredentials Keys = new(KeyId, Secret, Token);

    [Fact]
    public void Unseal_SealedBySameKey_ReturnsTheCredentials()
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));

        var sealedText = sealer.Seal(Keys, Session, Role);
        var opened = sealer.Unseal(sealedText, Session, Role).GetCredentials();

        Assert.Equal((KeyId, Secret, Token), (opened.AccessKey, opened.SecretKey, opened.Token));
    }

    [Fact]
    public void Seal_Credentials_IsOpaqueV1TextWithoutPlaintext()
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));

        var sealedText = sealer.Seal(Keys, Session, Role);

        Assert.Matches("^v1\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]+$", sealedText);
        Assert.DoesNotContain(KeyId, sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("ASIA", sealedText, StringComparison.Ordinal);
        Assert.NotEqual(sealedText, sealer.Seal(Keys, Session, Role));
    }

    [Fact]
    public void Unseal_OtherWorkersKey_FailsAsSessionExpiredWithoutPlaintext()
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));
        using var other = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));
        var sealedText = sealer.Seal(Keys, Session, Role);

        var failure = Assert.Throws<ApplicationFailureException>(() => other.Unseal(sealedText, Session, Role));

        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
        Assert.Contains("could not be opened by this worker; assume again", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyId, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sealedText, failure.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("aw-run-2", Role)]
    [InlineData(Session, "arn:aws:iam::111122223333:role/OtherRole")]
    public void Unseal_OtherSessionOrRole_Fails(string session, string role)
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));
        var sealedText = sealer.Seal(Keys, Session, Role);

        var failure = Assert.Throws<ApplicationFailureException>(() => sealer.Unseal(sealedText, session, role));

        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("v2.AAAAAAAAAAAAAAAA.AAAA")]
    [InlineData("v1.not base64.x")]
    [InlineData("v1.AAAAAAAAAAAAAAAA")]
    public void Unseal_Garbage_FailsAsSessionExpired(string text)
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));

        var failure = Assert.Throws<ApplicationFailureException>(() => sealer.Unseal(text, Session, Role));

        Assert.Equal(ErrorTypes.SessionExpired, failure.ErrorType);
    }

    [Fact]
    public void Unseal_OneFlippedCharacter_Fails()
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));
        var sealedText = sealer.Seal(Keys, Session, Role);
        var index = sealedText.Length - 5;
        var tampered = sealedText[..index] + (sealedText[index] == 'A' ? 'B' : 'A') + sealedText[(index + 1)..];

        Assert.Throws<ApplicationFailureException>(() => sealer.Unseal(tampered, Session, Role));
    }

    [Fact]
    public void Constructor_SharedConfiguredKey_LetsTwoWorkersOpenEachOthersSessions()
    {
        var options = Options.Create(new AwsOptions { SealingKey = Convert.ToBase64String(new byte[32]) });
        using var first = new AesGcmSessionSealer(options, NullLogger<AesGcmSessionSealer>.Instance);
        using var second = new AesGcmSessionSealer(options, NullLogger<AesGcmSessionSealer>.Instance);

        var opened = second.Unseal(first.Seal(Keys, Session, Role), Session, Role).GetCredentials();

        Assert.Equal(KeyId, opened.AccessKey);
    }

    [Fact]
    public void Seal_CredentialsWithoutToken_IsRefused()
    {
        using var sealer = new AesGcmSessionSealer(RandomNumberGenerator.GetBytes(32));

        var basic = new ImmutableCredentials(KeyId, Secret, null);

        Assert.Throws<ArgumentException>(() => sealer.Seal(basic, Session, Role));
    }
}
