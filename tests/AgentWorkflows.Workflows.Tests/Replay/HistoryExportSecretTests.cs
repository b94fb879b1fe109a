using System.Text.RegularExpressions;
using AgentWorkflows.Workflows.Contracts;
using Xunit;

namespace AgentWorkflows.Workflows.Tests.Replay;

/// <summary>
/// W3: a full history exported as JSON holds no access key id, secret key or session token. The history
/// is the success run with every activity's real arguments (recorded while replaying it) as inputs.
/// </summary>
public sealed partial class HistoryExportSecretTests
{
    /// <summary>What the worker's credentials would look like; none of this may reach the history.</summary>
    private const string FakeKeyId = "ASIAQEXAMPLE7KEYID12";
    private const string FakeSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private const string FakeToken = "IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENFwoGZXIvYXdzEXAMPLE";

    [Fact]
    public async Task ToJson_FullSuccessHistory_HoldsNoCredential()
    {
        var replay = await Replayer.ReplayAsync(S3AuditWorkflowReplayTests.SuccessHistory());
        Assert.Null(replay.ReplayFailure);
        var inputs = replay.Activities.Select(a => (IReadOnlyCollection<object?>)a.Args).ToList();

        var json = S3AuditWorkflowReplayTests.SuccessHistory(inputs).ToJson();

        // The export must really carry the sessions and the activity inputs, or this test proves nothing.
        var sealedText = AuditScenario.Session(1, AuditScenario.Start).SealedCredentials;
        Assert.Contains(Texts(json), t => t.Contains(sealedText, StringComparison.Ordinal));
        Assert.Equal(9, Regex.Count(json, "\"activityType\""));
        Assert.Empty(FindCredentials(json));
    }

    [Fact]
    public void FindCredentials_PlantedCredentials_AllFound()
    {
        var history = new HistoryBuilder("wf", "run", AuditScenario.Start)
            .Started("S3AuditWorkflow", new { accessKeyId = FakeKeyId, secret = FakeSecret, token = FakeToken })
            .Failed(new InvalidOperationException($"bad key AKIAIOSFODNN7EXAMPLE"));

        var found = FindCredentials(history.ToJson());

        Assert.Equal(4, found.Count);
    }

    /// <summary>The export itself and every base64 string in it, decoded (payloads are base64).</summary>
    private static List<string> Texts(string json) =>
        [json, .. Base64Strings().Matches(json).Select(m => TryDecode(m.Groups[1].Value)).OfType<string>()];

    private static List<string> FindCredentials(string json)
    {
        var found = new List<string>();
        foreach (var text in Texts(json))
        {
            found.AddRange(KeyId().Matches(text).Select(m => m.Value));
            found.AddRange(new[] { FakeSecret, FakeToken }.Where(s => text.Contains(s, StringComparison.Ordinal)));
        }

        return found;
    }

    private static string? TryDecode(string base64)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex("(AKIA|ASIA)[A-Z0-9]{16}")]
    private static partial Regex KeyId();

    [GeneratedRegex("\"([A-Za-z0-9+/]{16,}={0,2})\"")]
    private static partial Regex Base64Strings();
}
