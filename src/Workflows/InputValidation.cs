using System.Globalization;
using System.Text.RegularExpressions;
using AgentWorkflows.Workflows.Contracts;
using Temporalio.Exceptions;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Checks an <see cref="S3AuditInput"/> before any activity runs. Every rule that is broken is reported,
/// each naming the field, the value and the rule, so that a caller can fix all of them in one go.
/// </summary>
public static partial class InputValidation
{
    /// <summary>Shortest session AssumeRole accepts.</summary>
    public const int MinSessionSeconds = 900;

    /// <summary>Longest session when chaining roles, the case the worker must assume it may be in.</summary>
    public const int MaxSessionSeconds = 3600;

    /// <summary>Session length when the input gives none.</summary>
    public const int DefaultSessionSeconds = 900;

    /// <summary>The characters STS allows in names such as the role session name and SourceIdentity.</summary>
    public const string NameCharacters = @"[\w+=,.@-]";

    /// <summary>The session length the run will ask for.</summary>
    public static int SessionSeconds(S3AuditInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.SessionDurationSeconds ?? DefaultSessionSeconds;
    }

    /// <summary>Throws a non-retryable <see cref="ErrorTypes.InvalidInput"/> failure naming every violation.</summary>
    public static void ThrowIfInvalid(S3AuditInput? input)
    {
        var violations = Validate(input);
        if (violations.Count > 0)
        {
            throw Failure(violations);
        }
    }

    /// <summary>The non-retryable failure for a list of violations.</summary>
    public static ApplicationFailureException Failure(IReadOnlyList<string> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var numbered = violations.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"({i + 1}) {v}"));
        var noun = violations.Count == 1 ? "problem" : "problems";
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"S3AuditInput is invalid ({violations.Count} {noun}): {string.Join("; ", numbered)}");
        return new ApplicationFailureException(message, ErrorTypes.InvalidInput, nonRetryable: true);
    }

    /// <summary>Every rule the input breaks; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(S3AuditInput? input)
    {
        if (input is null)
        {
            return ["the workflow input is missing: pass one S3AuditInput object"];
        }

        var errors = new List<string>();
        CheckAccount(input.AccountId, errors);
        CheckRoleArn(input.RoleArn, input.AccountId, errors);
        CheckDuration(input.SessionDurationSeconds, errors);
        CheckAgentId(input.AgentId, errors);
        CheckSessionName(input.RoleSessionName, errors);
        CheckExternalId(input.ExternalId, errors);
        CheckBucketPrefix(input.BucketPrefix, errors);
        CheckReport(input.Report, errors);
        return errors;
    }

    /// <summary>True when <paramref name="value"/> is 2-64 characters of <see cref="NameCharacters"/>.</summary>
    public static bool IsStsName(string? value) => value is not null && StsName().IsMatch(value);

    private static void CheckAccount(string? accountId, List<string> errors)
    {
        if (accountId is null || !AccountId().IsMatch(accountId))
        {
            errors.Add($"accountId {Show(accountId)} is not an AWS account id: it must be exactly 12 digits");
        }
    }

    /// <summary>
    /// Reads an IAM role ARN (partitions aws, aws-us-gov, aws-cn; path segments not empty): its account
    /// and the role name after any path. False when <paramref name="roleArn"/> is not one.
    /// </summary>
    public static bool TryParseRoleArn(string? roleArn, out string account, out string roleName)
    {
        var match = roleArn is null ? Match.Empty : RoleArnPattern().Match(roleArn);
        var valid = match.Success && !match.Groups["path"].Value.StartsWith('/') &&
            !match.Groups["path"].Value.Contains("//", StringComparison.Ordinal);
        account = valid ? match.Groups["account"].Value : string.Empty;
        roleName = valid ? match.Groups["name"].Value : string.Empty;
        return valid;
    }

    private static void CheckRoleArn(string? roleArn, string? accountId, List<string> errors)
    {
        if (!TryParseRoleArn(roleArn, out var arnAccount, out _))
        {
            errors.Add(
                $"roleArn {Show(roleArn)} is not an IAM role ARN: it must look like " +
                "arn:aws:iam::<12-digit account>:role/<optional path/><name> (partitions aws, aws-us-gov, " +
                "aws-cn; path segments not empty; name 1-64 characters of [\\w+=,.@-])");
            return;
        }

        if (!string.Equals(arnAccount, accountId, StringComparison.Ordinal))
        {
            errors.Add(
                $"roleArn {Show(roleArn)} belongs to account {arnAccount}, but accountId is {Show(accountId)}: " +
                "the audit role must be in the audited account");
        }
    }

    private static void CheckDuration(int? seconds, List<string> errors)
    {
        if (seconds is null)
        {
            return;
        }

        if (seconds < MinSessionSeconds)
        {
            errors.Add(
                $"sessionDurationSeconds {seconds} is below the {MinSessionSeconds} s minimum of AssumeRole");
        }
        else if (seconds > MaxSessionSeconds)
        {
            errors.Add(
                $"sessionDurationSeconds {seconds} is above the {MaxSessionSeconds} s maximum: we may be " +
                $"chaining roles, where AWS caps sessions at {MaxSessionSeconds} s");
        }
    }

    private static void CheckAgentId(string? agentId, List<string> errors)
    {
        if (agentId is not null && agentId.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"agentId {Show(agentId)} cannot be a SourceIdentity: it must not start with \"aws:\"");
        }
        else if (!IsStsName(agentId))
        {
            errors.Add(
                $"agentId {Show(agentId)} cannot be a SourceIdentity: it must be 2-64 characters of " +
                $"{NameCharacters} (letters, digits and _+=,.@-)");
        }
    }

    private static void CheckSessionName(string? sessionName, List<string> errors)
    {
        if (sessionName is not null && !IsStsName(sessionName))
        {
            errors.Add(
                $"roleSessionName {Show(sessionName)} ({sessionName.Length} characters) is not a role session " +
                $"name: it must be 2-64 characters of {NameCharacters} (letters, digits and _+=,.@-); it is " +
                "used exactly as given, never rewritten, so choose a valid one or leave it out");
        }
    }

    private static void CheckExternalId(string? externalId, List<string> errors)
    {
        // The value is not repeated: some teams treat external ids as confidential, and this message
        // reaches workflow history and the command line's output.
        if (externalId is not null && !ExternalIdPattern().IsMatch(externalId))
        {
            errors.Add(
                $"externalId (value not shown, {externalId.Length} characters) is not an external id: it must " +
                @"be 2-1224 characters of [\w+=,.@:\/-]");
        }
    }

    private static void CheckBucketPrefix(string? prefix, List<string> errors)
    {
        if (prefix is not null && !BucketPrefixPattern().IsMatch(prefix))
        {
            errors.Add(
                $"bucketPrefix {Show(prefix)} can never match a bucket name: it must be at most 63 characters " +
                "of lower-case letters, digits, '.' and '-'");
        }
    }

    private static void CheckReport(ReportDestination? report, List<string> errors)
    {
        if (report is null)
        {
            errors.Add("report is missing: give either report.bucket or report.localDirectory");
            return;
        }

        var hasBucket = !string.IsNullOrEmpty(report.Bucket);
        var hasDirectory = !string.IsNullOrEmpty(report.LocalDirectory);
        if (hasBucket == hasDirectory)
        {
            errors.Add(
                $"report has bucket {Show(report.Bucket)} and localDirectory {Show(report.LocalDirectory)}: " +
                "exactly one of the two must be set");
        }

        if (hasBucket)
        {
            var problem = BucketNameProblem(report.Bucket!);
            if (problem is not null)
            {
                errors.Add($"report.bucket {Show(report.Bucket)} is not a valid S3 bucket name: {problem}");
            }
        }

        if (hasDirectory && string.IsNullOrWhiteSpace(report.LocalDirectory))
        {
            errors.Add($"report.localDirectory {Show(report.LocalDirectory)} is blank: give a directory path");
        }
        else if (hasDirectory && report.LocalDirectory!.Any(char.IsControl))
        {
            errors.Add($"report.localDirectory {Show(report.LocalDirectory)} must not contain control characters");
        }

        CheckKeyPrefix(report.KeyPrefix, errors);
    }

    private static void CheckKeyPrefix(string? keyPrefix, List<string> errors)
    {
        if (keyPrefix is null)
        {
            return;
        }

        if (keyPrefix.Length > 512)
        {
            errors.Add($"report.keyPrefix ({keyPrefix.Length} characters) is longer than the 512 allowed");
        }

        if (keyPrefix.Contains("..", StringComparison.Ordinal))
        {
            errors.Add($"report.keyPrefix {Show(keyPrefix)} must not contain \"..\"");
        }

        if (keyPrefix.StartsWith('/') || keyPrefix.Any(char.IsControl))
        {
            errors.Add(
                $"report.keyPrefix {Show(keyPrefix)} must not start with '/' or contain control characters");
        }
    }

    /// <summary>Why <paramref name="name"/> is not a general-purpose bucket name, or null when it is one.</summary>
    public static string? BucketNameProblem(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is < 3 or > 63)
        {
            return $"it has {name.Length} characters, and a bucket name has 3-63";
        }

        if (!BucketNamePattern().IsMatch(name))
        {
            return "it must be lower-case letters, digits, '.' and '-', starting and ending with a letter or digit";
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            return "it must not contain two adjacent periods";
        }

        if (IpAddressPattern().IsMatch(name))
        {
            return "it must not be formatted as an IP address";
        }

        string[] reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
        string[] reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];
        if (reservedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) ||
            reservedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
        {
            return "it uses a prefix or suffix that S3 reserves";
        }

        return null;
    }

    private static string Show(string? value) => InputText.Quote(value);

    [GeneratedRegex("^[0-9]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();

    [GeneratedRegex(
        @"^arn:(?<partition>aws|aws-us-gov|aws-cn):iam::(?<account>[0-9]{12}):role/" +
        @"(?<path>[\x21-\x7E]{0,510}/)?(?<name>[A-Za-z0-9_+=,.@-]{1,64})\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[A-Za-z0-9_+=,.@-]{2,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex StsName();

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]{2,1224}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex("^[a-z0-9.-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketPrefixPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*[a-z0-9]\\z", RegexOptions.CultureInvariant)]
    private static partial Regex BucketNamePattern();

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex IpAddressPattern();
}
