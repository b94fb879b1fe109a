using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// Checks <see cref="AwsOptions"/> at start; each failure names the setting, the environment variable that
/// sets it, the value and the rule. Endpoints are shown without user info, query or fragment, and the
/// sealing key is never shown.
/// </summary>
public sealed partial class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Check(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>All rule violations of <paramref name="options"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Check(AwsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Region is null || !RegionPattern().IsMatch(options.Region))
        {
            errors.Add($"Aws:Region '{options.Region}' (AWS_REGION or AWS_DEFAULT_REGION) is not a region name " +
                "such as us-east-1 (lower-case letters, digits and dashes).");
        }

        CheckEndpoint(errors, nameof(AwsOptions.StsEndpoint), "STS", options.StsEndpoint);
        CheckEndpoint(errors, nameof(AwsOptions.IamEndpoint), "IAM", options.IamEndpoint);
        CheckEndpoint(errors, nameof(AwsOptions.S3Endpoint), "S3", options.S3Endpoint);
        CheckEndpoint(errors, nameof(AwsOptions.S3ControlEndpoint), "S3_CONTROL", options.S3ControlEndpoint);

        if (options.SealingKey is not null && !AesGcmSessionSealer.TryDecodeKey(options.SealingKey, out _))
        {
            errors.Add($"Aws:{nameof(AwsOptions.SealingKey)} (AGENTWORKFLOWS_SEALING_KEY) must be base64 of " +
                $"exactly {AesGcmSessionSealer.KeySizeBytes} bytes, for example the output of " +
                "'openssl rand -base64 32' (the value is not shown).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Aws:{nameof(AwsOptions.RequestTimeout)} {options.RequestTimeout} " +
                "(Aws__RequestTimeout) must be above zero and at most 5 minutes, for example 30s or 00:00:30.");
        }

        if (options.MaxSdkRetries is < 0 or > 10)
        {
            errors.Add($"Aws:{nameof(AwsOptions.MaxSdkRetries)} {options.MaxSdkRetries} (Aws__MaxSdkRetries) " +
                "must be 0 to 10.");
        }

        return errors;
    }

    /// <summary>
    /// <paramref name="endpoint"/> as it may be shown in a message or a log: scheme, host, port and path
    /// only. User info (a password), query and fragment are dropped; a relative value that holds any of
    /// them is replaced by a placeholder.
    /// </summary>
    public static string ShowEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.IsAbsoluteUri)
        {
            var shown = endpoint.GetComponents(
                UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

            // Schemes without an authority (key:SECRET@host) keep the user's text in the path.
            return shown.Contains('@', StringComparison.Ordinal)
                ? $"{endpoint.Scheme}:(rest hidden: it holds '@')"
                : shown;
        }

        var text = endpoint.OriginalString;
        return text.IndexOfAny(['@', '?', '#']) >= 0 ? "(value hidden: it holds '@', '?' or '#')" : text;
    }

    private static void CheckEndpoint(List<string> errors, string name, string service, Uri? endpoint)
    {
        if (endpoint is null)
        {
            return;
        }

        var setting = $"Aws:{name} '{ShowEndpoint(endpoint)}' (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_{service})";
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{setting} must be an absolute http or https URL, for example http://127.0.0.1:5000.");
        }
        else if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            errors.Add($"{setting} must carry no user info (user:password@); set credentials in " +
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead (the user info is not shown).");
        }
        else if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            errors.Add($"{setting} must carry no query and no fragment (they are not shown).");
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
