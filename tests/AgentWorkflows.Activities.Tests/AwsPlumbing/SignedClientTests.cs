using System.Net;
using AgentWorkflows.Activities.Aws;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

public sealed class SignedClientTests
{
    private const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static readonly Uri Local = new("http://127.0.0.1:45999");

    private static AwsClientFactory Factory(StubHttpHandler handler, Uri? s3Control = null) => new(
        Options.Create(new AwsOptions { IamEndpoint = Local, S3ControlEndpoint = s3Control ?? Local }),
        TimeProvider.System,
        new SessionAWSCredentials("ASIAQWERTYUIOPASDFGH", Secret, "session-token-value"),
        handler);

    [Fact]
    public async Task PutRolePolicyAsync_Called_PostsSignedIamQueryForm()
    {
        var handler = new StubHttpHandler();
        using var factory = Factory(handler);
        var iam = factory.CreateIam(factory.WorkerCredentials);

        await iam.PutRolePolicyAsync("AuditRole", "P1", "{\"a\":1}", TestContext.Current.CancellationToken);

        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:45999/", request.RequestUri!.ToString());
        Assert.Equal(
            "Action=PutRolePolicy&Version=2010-05-08&RoleName=AuditRole&PolicyName=P1&PolicyDocument=%7B%22a%22%3A1%7D",
            body);
        var authorization = request.Headers.GetValues("Authorization").Single();
        Assert.Contains("/us-east-1/iam/aws4_request", authorization, StringComparison.Ordinal);
        Assert.Contains("content-type;host;x-amz-date;x-amz-security-token", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoleAsync_IamAnswer_ParsesRole()
    {
        var handler = new StubHttpHandler().Answer(HttpStatusCode.OK, """
            <GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetRoleResult><Role><Path>/</Path><RoleName>AuditRole</RoleName>
                <RoleId>AROAEXAMPLEROLEID1234</RoleId>
                <Arn>arn:aws:iam::111122223333:role/AuditRole</Arn></Role></GetRoleResult>
            </GetRoleResponse>
            """);
        using var factory = Factory(handler);

        var role = await factory.CreateIam(factory.WorkerCredentials)
            .GetRoleAsync("AuditRole", TestContext.Current.CancellationToken);

        Assert.Equal(
            new IamRole("AuditRole", "AROAEXAMPLEROLEID1234", "arn:aws:iam::111122223333:role/AuditRole"), role);
    }

    [Fact]
    public async Task ListRolePoliciesAsync_TruncatedAnswer_FollowsTheMarker()
    {
        var handler = new StubHttpHandler()
            .Answer(HttpStatusCode.OK, "<R><ListRolePoliciesResult><PolicyNames><member>a</member></PolicyNames>" +
                "<IsTruncated>true</IsTruncated><Marker>m1</Marker></ListRolePoliciesResult></R>")
            .Answer(HttpStatusCode.OK, "<R><ListRolePoliciesResult><PolicyNames><member>b</member></PolicyNames>" +
                "<IsTruncated>false</IsTruncated></ListRolePoliciesResult></R>");
        using var factory = Factory(handler);

        var names = await factory.CreateIam(factory.WorkerCredentials)
            .ListRolePoliciesAsync("AuditRole", TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b"], names);
        Assert.EndsWith("&Marker=m1", handler.Received[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRoleAsync_ErrorAnswer_ThrowsAwsServiceErrorWithoutRequestSecrets()
    {
        var handler = new StubHttpHandler().Answer(HttpStatusCode.NotFound, """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>NoSuchEntity</Code>
                <Message>The role with name AuditRole cannot be found.</Message></Error>
              <RequestId>4f3c-request</RequestId>
            </ErrorResponse>
            """);
        using var factory = Factory(handler);

        var error = await Assert.ThrowsAsync<AwsServiceError>(() => factory.CreateIam(factory.WorkerCredentials)
            .GetRoleAsync("AuditRole", TestContext.Current.CancellationToken));

        Assert.Equal(
            ("NoSuchEntity", HttpStatusCode.NotFound, "4f3c-request"),
            (error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.Equal(
            "IAM GetRole failed: NoSuchEntity (HTTP 404): The role with name AuditRole cannot be found.",
            error.Message);
        Assert.DoesNotContain("session-token-value", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ASIAQWERTYUIOPASDFGH", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPublicAccessBlockAsync_Override_UsesHostAsIsWithAccountHeader()
    {
        var handler = new StubHttpHandler().Answer(HttpStatusCode.OK, """
            <PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">
              <BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>false</IgnorePublicAcls>
              <BlockPublicPolicy>true</BlockPublicPolicy>
            </PublicAccessBlockConfiguration>
            """);
        using var factory = Factory(handler);

        var flags = await factory.CreateS3Control(factory.WorkerCredentials, "eu-west-1")
            .GetPublicAccessBlockAsync("111122223333", TestContext.Current.CancellationToken);

        var (request, _) = Assert.Single(handler.Received);
        Assert.Equal(
            "http://127.0.0.1:45999/v20180820/configuration/publicAccessBlock", request.RequestUri!.ToString());
        Assert.Equal("111122223333", request.Headers.GetValues("x-amz-account-id").Single());
        Assert.Contains("/eu-west-1/s3/aws4_request", request.Headers.GetValues("Authorization").Single(),
            StringComparison.Ordinal);
        Assert.Equal(new Workflows.Contracts.PublicAccessBlockFlags(true, false, true, false), flags);
    }

    [Fact]
    public async Task GetPublicAccessBlockAsync_NoneConfigured_ReturnsNull()
    {
        var handler = new StubHttpHandler().Answer(HttpStatusCode.NotFound,
            "<ErrorResponse><Error><Code>NoSuchPublicAccessBlockConfiguration</Code>" +
            "<Message>none</Message></Error></ErrorResponse>");
        using var factory = Factory(handler);

        var flags = await factory.CreateS3Control(factory.WorkerCredentials, "us-east-1")
            .GetPublicAccessBlockAsync("111122223333", TestContext.Current.CancellationToken);

        Assert.Null(flags);
    }

    [Fact]
    public void EndpointFor_NoOverride_PrefixesTheAccountOnTheAwsHost()
    {
        var client = new S3ControlHttpClient(
            new SignedAwsHttpClient(new HttpClient(new StubHttpHandler()), new AnonymousAWSCredentials(),
                TimeProvider.System, TimeSpan.FromSeconds(1)),
            endpointOverride: null,
            "eu-central-1");

        Assert.Equal(
            new Uri("https://111122223333.s3-control.eu-central-1.amazonaws.com"),
            client.EndpointFor("111122223333"));
    }

    [Fact]
    public async Task SendAsync_ServerErrorWithoutXml_MapsToServiceUnavailable()
    {
        var handler = new StubHttpHandler().Answer(HttpStatusCode.BadGateway, "bad gateway");
        using var factory = Factory(handler);

        var error = await Assert.ThrowsAsync<AwsServiceError>(() => factory.CreateIam(factory.WorkerCredentials)
            .DeleteRolePolicyAsync("AuditRole", "P", TestContext.Current.CancellationToken));

        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal("header-request-id", error.RequestId);
        Assert.True(AwsErrorMapping.IsRetryable(error.ErrorCode, (int)error.StatusCode));
    }
}
