using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AgentWorkflows.Activities.Aws;

/// <summary>Checks <see cref="AwsOptions"/> at start; each failure names the value and the rule.</summary>
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
            errors.Add($"Aws:Region '{options.Region}' is not a region name such as us-east-1 " +
                "(lower-case letters, digits and dashes).");
        }

        CheckEndpoint(errors, nameof(AwsOptions.StsEndpoint), options.StsEndpoint);
        CheckEndpoint(errors, nameof(AwsOptions.IamEndpoint), options.IamEndpoint);
        CheckEndpoint(errors, nameof(AwsOptions.S3Endpoint), options.S3Endpoint);
        CheckEndpoint(errors, nameof(AwsOptions.S3ControlEndpoint), options.S3ControlEndpoint);

        if (options.SealingKey is not null && !AesGcmSessionSealer.TryDecodeKey(options.SealingKey, out _))
        {
            errors.Add($"Aws:{nameof(AwsOptions.SealingKey)} must be base64 of exactly " +
                $"{AesGcmSessionSealer.KeySizeBytes} bytes (the value is not shown).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Aws:{nameof(AwsOptions.RequestTimeout)} {options.RequestTimeout} must be above zero " +
                "and at most 5 minutes.");
        }

        if (options.MaxSdkRetries is < 0 or > 10)
        {
            errors.Add($"Aws:{nameof(AwsOptions.MaxSdkRetries)} {options.MaxSdkRetries} must be 0 to 10.");
        }

        return errors;
    }

    private static void CheckEndpoint(List<string> errors, string name, Uri? endpoint)
    {
        if (endpoint is null)
        {
            return;
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Aws:{name} '{endpoint}' must be an absolute http or https URI.");
        }
        else if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            errors.Add($"Aws:{name} '{endpoint.GetLeftPart(UriPartial.Path)}' must carry no query and no user info.");
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
