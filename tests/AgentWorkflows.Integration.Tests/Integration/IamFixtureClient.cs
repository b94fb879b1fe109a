using System.Text;
using System.Xml.Linq;
using AgentWorkflows.Activities.Aws;
using Amazon.Runtime;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>
/// The IAM calls only the fixture needs (CreateRole, DeleteRole), over the product's signed client. The
/// product's own <see cref="IIamClient"/> covers the inline-policy calls.
/// </summary>
public sealed class IamFixtureClient(SignedAwsHttpClient client, Uri endpoint, string region)
{
    /// <summary>CreateRole; returns the role's ARN.</summary>
    public async Task<string> CreateRoleAsync(string roleName, string trustPolicy, CancellationToken cancellationToken)
    {
        var result = await CallAsync(
            "CreateRole", [("RoleName", roleName), ("AssumeRolePolicyDocument", trustPolicy)], cancellationToken);
        return result.Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    /// <summary>DeleteRole (its inline policies must be gone first).</summary>
    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRole", [("RoleName", roleName)], cancellationToken);

    private async Task<XDocument> CallAsync(
        string action, IReadOnlyList<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        var form = new StringBuilder($"Action={action}&Version=2010-05-08");
        foreach (var (name, value) in parameters)
        {
            form.Append('&').Append(name).Append('=').Append(SigV4Signer.UriEncode(value));
        }

        var request = new SignedRequest(
            $"IAM {action}",
            HttpMethod.Post,
            endpoint,
            "/",
            region,
            "iam",
            new Dictionary<string, string>(),
            Encoding.UTF8.GetBytes(form.ToString()),
            "application/x-www-form-urlencoded; charset=utf-8",
            SignPayloadHeader: false);
        var response = await client.SendAsync(request, cancellationToken);
        return XDocument.Parse(response.Body);
    }

    /// <summary>A client signed with <paramref name="credentials"/> against <paramref name="endpoint"/>.</summary>
    public static IamFixtureClient Create(HttpClient http, AWSCredentials credentials, Uri endpoint, string region) =>
        new(
            new SignedAwsHttpClient(http, credentials, TimeProvider.System, TimeSpan.FromSeconds(30)),
            endpoint,
            region);
}
