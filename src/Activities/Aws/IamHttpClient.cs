using System.Text;
using System.Xml.Linq;

namespace AgentWorkflows.Activities.Aws;

/// <summary>
/// <see cref="IIamClient"/> over <see cref="SignedAwsHttpClient"/>: the IAM query protocol
/// (form POST, <c>Version=2010-05-08</c>, service <c>iam</c>, signed in the partition's global region).
/// </summary>
public sealed class IamHttpClient : IIamClient
{
    private const string ApiVersion = "2010-05-08";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly Dictionary<string, string> NoHeaders = [];

    private readonly SignedAwsHttpClient _client;
    private readonly Uri _endpoint;
    private readonly string _signingRegion;

    public IamHttpClient(SignedAwsHttpClient client, Uri endpoint, string signingRegion)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        _signingRegion = signingRegion ?? throw new ArgumentNullException(nameof(signingRegion));
    }

    /// <summary>
    /// IAM's global endpoint and signing region for the partition of <paramref name="region"/>:
    /// <c>iam.amazonaws.com</c> in us-east-1 for the aws partition.
    /// </summary>
    public static (Uri Endpoint, string SigningRegion) GlobalEndpoint(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.StartsWith("cn-", StringComparison.Ordinal))
        {
            return (new Uri("https://iam.cn-north-1.amazonaws.com.cn"), "cn-north-1");
        }

        if (region.StartsWith("us-gov-", StringComparison.Ordinal))
        {
            return (new Uri("https://iam.us-gov.amazonaws.com"), "us-gov-west-1");
        }

        return (new Uri("https://iam.amazonaws.com"), "us-east-1");
    }

    /// <inheritdoc />
    public async Task<IamRole> GetRoleAsync(string roleName, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("GetRole", [("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        var role = result.Descendants().First(e => e.Name.LocalName == "Role");
        return new IamRole(Child(role, "RoleName"), Child(role, "RoleId"), Child(role, "Arn"));
    }

    /// <inheritdoc />
    public async Task PutRolePolicyAsync(
        string roleName, string policyName, string policyDocument, CancellationToken cancellationToken = default)
    {
        await CallAsync(
            "PutRolePolicy",
            [("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", policyDocument)],
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> GetRolePolicyAsync(
        string roleName, string policyName, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync(
            "GetRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken)
            .ConfigureAwait(false);
        var document = result.Descendants().First(e => e.Name.LocalName == "PolicyDocument").Value;
        return Uri.UnescapeDataString(document);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListRolePoliciesAsync(
        string roleName, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        string? marker = null;
        do
        {
            var parameters = new List<(string, string)> { ("RoleName", roleName) };
            if (marker is not null)
            {
                parameters.Add(("Marker", marker));
            }

            var result = await CallAsync("ListRolePolicies", parameters, cancellationToken).ConfigureAwait(false);
            names.AddRange(result.Descendants()
                .Where(e => e.Name.LocalName == "PolicyNames")
                .SelectMany(e => e.Elements())
                .Select(e => e.Value));
            var truncated = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "IsTruncated")?.Value;
            marker = string.Equals(truncated, "true", StringComparison.OrdinalIgnoreCase)
                ? result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Marker")?.Value
                : null;
        }
        while (marker is not null);

        return names;
    }

    /// <inheritdoc />
    public async Task DeleteRolePolicyAsync(
        string roleName, string policyName, CancellationToken cancellationToken = default)
    {
        await CallAsync("DeleteRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)], cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<XDocument> CallAsync(
        string action, IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder($"Action={action}&Version={ApiVersion}");
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(name).Append('=').Append(SigV4Signer.UriEncode(value));
        }

        var request = new SignedRequest(
            $"IAM {action}",
            HttpMethod.Post,
            _endpoint,
            "/",
            _signingRegion,
            "iam",
            NoHeaders,
            Encoding.UTF8.GetBytes(form.ToString()),
            FormContentType,
            SignPayloadHeader: false);
        var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return XDocument.Parse(response.Body);
    }

    private static string Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value ?? string.Empty;
}
