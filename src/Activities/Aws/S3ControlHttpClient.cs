using System.Xml.Linq;
using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// <see cref="IS3ControlClient"/> over <see cref="SignedAwsHttpClient"/> (REST-XML, service <c>s3</c>).
/// Against real AWS the host is <c>ACCOUNT.s3-control.REGION.amazonaws.com</c>; an endpoint override is
/// used as is, without the account-id prefix, so local emulators work.
/// </summary>
public sealed class S3ControlHttpClient : IS3ControlClient
{
    private const string PublicAccessBlockPath = "/v20180820/configuration/publicAccessBlock";

    private readonly SignedAwsHttpClient _client;
    private readonly Uri? _endpointOverride;
    private readonly string _region;

    public S3ControlHttpClient(SignedAwsHttpClient client, Uri? endpointOverride, string region)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _endpointOverride = endpointOverride;
        _region = region ?? throw new ArgumentNullException(nameof(region));
    }

    /// <summary>The endpoint for <paramref name="accountId"/>: the override, or the AWS host with the prefix.</summary>
    public Uri EndpointFor(string accountId)
    {
        if (_endpointOverride is not null)
        {
            return _endpointOverride;
        }

        var suffix = _region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{accountId}.s3-control.{_region}.{suffix}");
    }

    /// <inheritdoc />
    public async Task<PublicAccessBlockFlags?> GetPublicAccessBlockAsync(
        string accountId, CancellationToken cancellationToken = default)
    {
        if (accountId is null || accountId.Length != 12 || !accountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"Account id '{accountId}' must be 12 digits.", nameof(accountId));
        }

        var request = new SignedRequest(
            "S3Control GetPublicAccessBlock",
            HttpMethod.Get,
            EndpointFor(accountId),
            PublicAccessBlockPath,
            _region,
            "s3",
            new Dictionary<string, string> { ["x-amz-account-id"] = accountId },
            ReadOnlyMemory<byte>.Empty,
            ContentType: null,
            SignPayloadHeader: true);
        try
        {
            var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var document = XDocument.Parse(response.Body);
            return new PublicAccessBlockFlags(
                Flag(document, "BlockPublicAcls"),
                Flag(document, "IgnorePublicAcls"),
                Flag(document, "BlockPublicPolicy"),
                Flag(document, "RestrictPublicBuckets"));
        }
        catch (AwsServiceError error) when (error.ErrorCode == "NoSuchPublicAccessBlockConfiguration")
        {
            return null;
        }
    }

    private static bool Flag(XDocument document, string localName) => string.Equals(
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value?.Trim(),
        "true",
        StringComparison.OrdinalIgnoreCase);
}
