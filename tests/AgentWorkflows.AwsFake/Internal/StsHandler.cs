using System.Globalization;
using System.Xml.Linq;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>STS over the query protocol (version 2011-06-15): AssumeRole and GetCallerIdentity.</summary>
internal sealed class StsHandler(FakeAwsState state)
{
    private const int MaxPackedPolicyChars = 2048;

    public static OperationInfo Resolve(IncomingRequest request) => request.Parameter("Action") switch
    {
        "AssumeRole" => new OperationInfo("sts", "AssumeRole", "sts:AssumeRole"),
        "GetCallerIdentity" => new OperationInfo("sts", "GetCallerIdentity", "sts:GetCallerIdentity"),
        var other => throw new AwsErrorException(400, "InvalidAction",
            $"Could not find operation {other ?? "(none)"} for version 2011-06-15"),
    };

    public FakeResponse Execute(IncomingRequest request, OperationInfo operation, string requestId) =>
        operation.Action == "AssumeRole" ? AssumeRole(request, requestId) : GetCallerIdentity(request, requestId);

    private static FakeResponse GetCallerIdentity(IncomingRequest request, string requestId)
    {
        var caller = request.RequiredCaller;
        return Xml.QueryResult(Xml.Sts, "GetCallerIdentity", requestId,
            new XElement(Xml.Sts + "Arn", caller.Arn),
            new XElement(Xml.Sts + "UserId", caller.UserId),
            new XElement(Xml.Sts + "Account", caller.AccountId));
    }

    private FakeResponse AssumeRole(IncomingRequest request, string requestId)
    {
        var caller = request.RequiredCaller;
        var roleArn = Validate.Required(request, "RoleArn", "roleArn");
        Validate.Length(roleArn, "roleArn", 20, 2048);
        var sessionName = Validate.Required(request, "RoleSessionName", "roleSessionName");
        Validate.Length(sessionName, "roleSessionName", 2, 64);
        Validate.Pattern(sessionName, "roleSessionName", Validate.NameCharacters, @"[\w+=,.@-]*");
        var duration = Validate.Duration(request.Parameter("DurationSeconds"));
        var sourceIdentity = ValidateSourceIdentity(request.Parameter("SourceIdentity"));
        var externalId = request.Parameter("ExternalId");
        if (externalId is not null)
        {
            Validate.Length(externalId, "externalId", 2, 1224);
            Validate.Pattern(externalId, "externalId", Validate.NameCharacters + ":/", @"[\w+=,.@:\/-]*");
        }

        var policyText = request.Parameter("Policy");
        var sessionPolicy = ParseSessionPolicy(policyText);
        var tags = ParseTags(request);

        var role = state.FindRoleByArn(roleArn);
        var allowed = role is not null
            && FakeAwsState.Trusts(role, caller)
            && (role.RequiredExternalId is null || role.RequiredExternalId == externalId)
            && state.Evaluate(caller, "sts:AssumeRole") == AccessDecision.Allowed
            && (caller.Session?.SourceIdentity is null || sourceIdentity is null ||
                string.Equals(caller.Session.SourceIdentity, sourceIdentity, StringComparison.Ordinal));
        if (!allowed)
        {
            throw new AwsErrorException(403, "AccessDenied",
                $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
        }

        if (caller.Session is not null && duration > TimeSpan.FromHours(1))
        {
            throw new AwsErrorException(400, "ValidationError",
                "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }

        if (duration > role!.MaxSessionDuration)
        {
            throw new AwsErrorException(400, "ValidationError",
                "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }

        var packedPercent = PackedPolicyPercent(policyText, tags);
        var now = state.Now;
        var session = new SessionRecord
        {
            Role = role,
            SessionName = sessionName,
            AccessKeyId = Ids.SessionAccessKeyId(),
            Secret = Ids.Secret(),
            Token = Ids.SessionToken(),
            IssuedAt = now,
            Expiration = now + duration,
            SourceIdentity = sourceIdentity ?? caller.Session?.SourceIdentity,
            Tags = tags,
            SessionPolicyText = policyText,
            SessionPolicy = sessionPolicy,
            IsChained = caller.Session is not null,
        };
        state.AddSession(session);

        var ns = Xml.Sts;
        return Xml.QueryResult(ns, "AssumeRole", requestId,
            new XElement(ns + "Credentials",
                new XElement(ns + "AccessKeyId", session.AccessKeyId),
                new XElement(ns + "SecretAccessKey", session.Secret),
                new XElement(ns + "SessionToken", session.Token),
                new XElement(ns + "Expiration", Xml.IsoSeconds(session.Expiration))),
            new XElement(ns + "AssumedRoleUser",
                new XElement(ns + "AssumedRoleId", session.UserId),
                new XElement(ns + "Arn", session.Arn)),
            packedPercent is null ? null : new XElement(ns + "PackedPolicySize", packedPercent.Value),
            session.SourceIdentity is null ? null : new XElement(ns + "SourceIdentity", session.SourceIdentity));
    }

    private static string? ValidateSourceIdentity(string? sourceIdentity)
    {
        if (sourceIdentity is null)
        {
            return null;
        }

        Validate.Length(sourceIdentity, "sourceIdentity", 2, 64);
        Validate.Pattern(sourceIdentity, "sourceIdentity", Validate.NameCharacters, @"[\w+=,.@-]*");
        if (sourceIdentity.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            throw new AwsErrorException(400, "ValidationError",
                $"1 validation error detected: Value '{sourceIdentity}' at 'sourceIdentity' failed to satisfy " +
                "constraint: Member must not start with the reserved prefix 'aws:'");
        }

        return sourceIdentity;
    }

    private static PolicyDocument? ParseSessionPolicy(string? policyText)
    {
        if (policyText is null)
        {
            return null;
        }

        Validate.Length(policyText, "policy", 1, MaxPackedPolicyChars);
        try
        {
            return PolicyDocument.Parse(policyText);
        }
        catch (FormatException e)
        {
            throw new AwsErrorException(400, "MalformedPolicyDocument",
                $"The policy is not in the valid JSON format: {e.Message}");
        }
    }

    private static Dictionary<string, string> ParseTags(IncomingRequest request)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; request.Parameter($"Tags.member.{i}.Key") is { } key; i++)
        {
            var value = request.Parameter($"Tags.member.{i}.Value") ?? string.Empty;
            Validate.Length(key, $"tags.{i}.member.key", 1, 128);
            Validate.Length(value, $"tags.{i}.member.value", 0, 256);
            if (!tags.TryAdd(key, value))
            {
                throw new AwsErrorException(400, "InvalidParameterValue",
                    $"Duplicate tag keys found ('{key}'). Please note that Tag keys are case insensitive.");
            }

            if (tags.Count > 50)
            {
                throw new AwsErrorException(400, "ValidationError",
                    "1 validation error detected: Value at 'tags' failed to satisfy constraint: " +
                    "Member must have length less than or equal to 50");
            }
        }

        return tags;
    }

    private static int? PackedPolicyPercent(string? policyText, Dictionary<string, string> tags)
    {
        if (policyText is null && tags.Count == 0)
        {
            return null;
        }

        var packedChars = (policyText is null ? 0 : policyText.Count(c => !char.IsWhiteSpace(c))) +
            tags.Sum(t => t.Key.Length + t.Value.Length + 2);
        var percent = (int)Math.Ceiling(packedChars * 100.0 / MaxPackedPolicyChars);
        if (percent > 100)
        {
            throw new AwsErrorException(400, "PackedPolicyTooLarge",
                $"Packed policy consumes {percent.ToString(CultureInfo.InvariantCulture)}% of allotted space, " +
                "please use smaller policy.");
        }

        return Math.Max(percent, 1);
    }
}
