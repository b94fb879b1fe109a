using AgentWorkflows.Activities.Aws;
using AgentWorkflows.AwsFake;
using AgentWorkflows.Workflows.Contracts;
using Amazon.Runtime;
using Microsoft.Extensions.Options;
using Xunit;

namespace AgentWorkflows.Activities.Tests.AwsPlumbing;

// Cross-checks the hand-written SigV4 client against the fake's independent signature verification.
public sealed class SignedClientFakeTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task GetPublicAccessBlockAsync_FakeWithAndWithoutBlock_ReadsFlagsOrNull()
    {
        await using var fake = await FakeAws.StartAsync();
        var account = fake.AddAccount(Account);
        var worker = fake.AddUser(Account, "auditor", "s3:GetAccountPublicAccessBlock");
        using var factory = Factory(fake, new BasicAWSCredentials(worker.AccessKeyId, worker.SecretAccessKey));
        var client = factory.CreateS3Control(factory.WorkerCredentials, "us-east-1");

        var none = await client.GetPublicAccessBlockAsync(Account, TestContext.Current.CancellationToken);
        account.PublicAccessBlock = new FakePublicAccessBlock(true, false, false, true);
        var flags = await client.GetPublicAccessBlockAsync(Account, TestContext.Current.CancellationToken);

        Assert.Null(none);
        Assert.Equal(new PublicAccessBlockFlags(true, false, false, true), flags);
        Assert.All(fake.Requests, r => Assert.Equal(("s3control", worker.UserArn), (r.Service, r.PrincipalArn)));
    }

    [Fact]
    public async Task ListRolePoliciesAsync_WrongSecret_FailsSignatureDoesNotMatchWithoutSecrets()
    {
        await using var fake = await FakeAws.StartAsync();
        fake.AddAccount(Account);
        var worker = fake.AddUser(Account, "auditor", "iam:*");
        fake.AddRole(Account, "AuditRole", [worker.UserArn]);
        const string wrongSecret = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        using var factory = Factory(fake, new BasicAWSCredentials(worker.AccessKeyId, wrongSecret));

        var error = await Assert.ThrowsAsync<AwsServiceError>(() => factory.CreateIam(factory.WorkerCredentials)
            .ListRolePoliciesAsync("AuditRole", TestContext.Current.CancellationToken));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.DoesNotContain(wrongSecret, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(worker.AccessKeyId, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IamCalls_AllFiveActions_RoundTripThroughTheFakesVerification()
    {
        await using var fake = await FakeAws.StartAsync();
        fake.AddAccount(Account);
        var worker = fake.AddUser(Account, "auditor", "iam:*");
        var role = fake.AddRole(Account, "AuditRole", [worker.UserArn]);
        using var factory = Factory(fake, new BasicAWSCredentials(worker.AccessKeyId, worker.SecretAccessKey));
        var iam = factory.CreateIam(factory.WorkerCredentials);
        const string document =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}""";

        await iam.PutRolePolicyAsync("AuditRole", "p+1=@", document, TestContext.Current.CancellationToken);
        var read = await iam.GetRolePolicyAsync("AuditRole", "p+1=@", TestContext.Current.CancellationToken);
        var names = await iam.ListRolePoliciesAsync("AuditRole", TestContext.Current.CancellationToken);
        await iam.DeleteRolePolicyAsync("AuditRole", "p+1=@", TestContext.Current.CancellationToken);
        var fetched = await iam.GetRoleAsync("AuditRole", TestContext.Current.CancellationToken);

        Assert.Equal(document, read);
        Assert.Equal(["p+1=@"], names);
        Assert.Empty(fake.GetRolePolicies(role));
        Assert.Equal(role.RoleId, fetched.RoleId);
    }

    private static AwsClientFactory Factory(FakeAws fake, AWSCredentials credentials) => new(
        Options.Create(new AwsOptions
        {
            IamEndpoint = fake.Endpoint,
            S3ControlEndpoint = fake.Endpoint,
            StsEndpoint = fake.Endpoint,
            S3Endpoint = fake.Endpoint,
            S3ForcePathStyle = true,
            MaxSdkRetries = 0,
        }),
        fake.Time,
        credentials);
}
