using System.Text;
using System.Text.RegularExpressions;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Google.Protobuf;
using Temporalio.Converters;
using Temporalio.Exceptions;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Identity;

/// <summary>
/// Field case W3 at its source: what the identity activities hand to Temporal is exactly what lands in
/// history. These tests run the real activities against the fake, convert their results and failures the
/// way the worker does, and search the bytes for the real credentials the fake issued.
/// </summary>
public sealed partial class SessionPayloadSecretTests
{
    [Fact]
    public async Task AssumeRoleAsync_SessionHandleAsPayload_HoldsNoIssuedKeyIdSecretOrToken()
    {
        await using var h = await IdentityHarness.StartAsync();

        var session = await h.AssumeAsync("aw-run-1");
        var payload = DataConverter.Default.PayloadConverter.ToPayload(session);

        var issued = Assert.Single(h.Fake.IssuedCredentialsForLeakTests);
        Assert.Equal(h.Fake.Sessions.Single().AccessKeyId, issued.AccessKeyId);
        AssertNoSecret(payload.ToByteArray(), payload.ToString(), Secrets(h, issued));
        AssertNoSecret(payload.Data.ToByteArray(), session.ToString(), Secrets(h, issued));
    }

    [Fact]
    public async Task IdentityActivities_EveryFailureKindAsTemporalFailure_HoldsNoKeyIdSecretOrToken()
    {
        await using var h = await IdentityHarness.StartAsync();
        var session = await h.AssumeAsync("aw-run-1");
        var issued = Assert.Single(h.Fake.IssuedCredentialsForLeakTests);
        var failures = new List<ApplicationFailureException>
        {
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => h.VerifyAsync(session, IdentityHarness.AssumedArn("other"))),
            await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session)),
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => h.VerifyAsync(session with { SessionName = "aw-run-2" })),
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => h.RevokeAsync(session, $"{h.Role.RoleId}:aw-run-2")),
        };

        // AWS echoes what it was sent; a fault whose message quotes the real credentials must not leak them.
        h.Fake.InjectFault(new FakeFault("*", "InvalidClientTokenId", 403,
            Message: $"The security token {issued.SessionToken} for {issued.AccessKeyId} / " +
                $"{issued.SecretAccessKey} is invalid"));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-3")));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.VerifyAsync(session)));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.RevokeAsync(session, null)));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.ProveAsync(session)));
        h.Fake.ClearFaults();
        h.Fake.InjectFault(new FakeFault("AssumeRole", "ValidationError", 400, Service: "sts",
            Message: $"RoleSessionName rejected for key {issued.AccessKeyId}"));
        failures.Add(await Assert.ThrowsAsync<ApplicationFailureException>(() => h.AssumeAsync("aw-run-4")));

        var secrets = Secrets(h, issued);
        Assert.Equal(9, failures.Count);
        Assert.All(failures, failure =>
        {
            var proto = DataConverter.Default.FailureConverter.ToFailure(
                failure, DataConverter.Default.PayloadConverter);
            AssertNoSecret(proto.ToByteArray(), proto.ToString(), secrets);
            AssertNoSecret(Encoding.UTF8.GetBytes(failure.ToString()), failure.Message, secrets);
            foreach (var detail in proto.ApplicationFailureInfo?.Details?.Payloads_ ?? [])
            {
                AssertNoSecret(detail.Data.ToByteArray(), detail.ToString(), secrets);
            }
        });
    }

    /// <summary>Every credential to search for, keyed by a label that says what it is without showing it.</summary>
    private static Dictionary<string, string> Secrets(IdentityHarness h, FakeIssuedCredentials issued)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["worker access key id"] = h.Worker.AccessKeyId,
            ["worker secret key"] = h.Worker.SecretAccessKey,
            ["session access key id"] = issued.AccessKeyId,
            ["session secret key"] = issued.SecretAccessKey,
            ["session token"] = issued.SessionToken,
        };
        var n = 0;
        foreach (var other in h.Fake.IssuedCredentialsForLeakTests.Where(c => c.AccessKeyId != issued.AccessKeyId))
        {
            n++;
            secrets[$"access key id of session {n}"] = other.AccessKeyId;
            secrets[$"secret key of session {n}"] = other.SecretAccessKey;
            secrets[$"token of session {n}"] = other.SessionToken;
        }

        return secrets;
    }

    /// <summary>
    /// Fails when any secret shows in <paramref name="bytes"/> as text, in the base64 of those bytes (what a
    /// JSON history export shows), in <paramref name="text"/>, or inside any base64 run of them once decoded.
    /// </summary>
    private static void AssertNoSecret(byte[] bytes, string text, IReadOnlyDictionary<string, string> secrets)
    {
        var raw = Encoding.UTF8.GetString(bytes);
        var views = new List<string> { raw, Convert.ToBase64String(bytes), text };
        views.AddRange(DecodedRuns(raw));
        views.AddRange(DecodedRuns(text));
        foreach (var (label, secret) in secrets)
        {
            Assert.True(secret.Length >= 8, "a secret too short to search for");
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)).TrimEnd('=');
            var encodedStem = encoded[..(encoded.Length - 4)];
            foreach (var view in views)
            {
                Assert.False(
                    view.Contains(secret, StringComparison.Ordinal) ||
                    view.Contains(encodedStem, StringComparison.Ordinal) ||
                    view.Contains(encodedStem.Replace('+', '-').Replace('/', '_'), StringComparison.Ordinal),
                    $"the {label} appears in the payload or its encodings");
            }
        }
    }

    /// <summary>Every base64 or base64url run of the text decoded as UTF-8; runs that do not decode are skipped.
    /// </summary>
    private static IEnumerable<string> DecodedRuns(string text)
    {
        foreach (Match run in EncodedRun().Matches(text))
        {
            var value = run.Value.TrimEnd('=').Replace('-', '+').Replace('_', '/');
            value = value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=');
            var buffer = new byte[value.Length];
            if (Convert.TryFromBase64String(value, buffer, out var written))
            {
                yield return Encoding.UTF8.GetString(buffer, 0, written);
            }
        }
    }

    [GeneratedRegex("[A-Za-z0-9+/_-]{16,}=*")]
    private static partial Regex EncodedRun();
}
