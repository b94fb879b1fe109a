using System.Net;
using System.Xml.Linq;
using AgentWorkflows.AwsFake;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Xunit;

namespace AgentWorkflows.Activities.Tests.Fake;

/// <summary>
/// Proves the AWS fake speaks the wire protocols the real SDK v4 clients send and parse: SigV4, STS
/// query XML, S3 REST-XML (including aws-chunked uploads), IAM query XML and S3 Control.
/// </summary>
public sealed class FakeAwsWireTests : IAsyncLifetime
{
    private const string Account = "111122223333";
    private const string Region = "us-east-1";

    private FakeAws _fake = null!;
    private FakeAccessKey _worker = null!;
    private FakeRole _role = null!;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeAws.StartAsync();
        _worker = _fake.AddUser(Account, "worker", "sts:AssumeRole", "iam:*", "s3:PutObject", "s3:GetObject");
        _role = _fake.AddRole(Account, "AuditRole", [_worker.UserArn], requiredExternalId: "ext-42",
            allowedActions: ["s3:Get*", "s3:List*", "sts:AssumeRole"]);
    }

    public async ValueTask DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task AssumeRole_TrustedUserWithExternalId_SessionIdentityMatchesAssumedRole()
    {
        using var sts = Sts(WorkerCredentials());

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = _role.Arn,
            RoleSessionName = "aw-run-1",
            DurationSeconds = 900,
            ExternalId = "ext-42",
            SourceIdentity = "agent-7",
            Tags = [new Amazon.SecurityToken.Model.Tag { Key = "agent", Value = "agent 7" }],
        }, TestContext.Current.CancellationToken);
        using var sessionSts = Sts(SessionCredentials(assumed));
        var identity = await sessionSts.GetCallerIdentityAsync(new GetCallerIdentityRequest(),
            TestContext.Current.CancellationToken);

        var expectedArn = $"arn:aws:sts::{Account}:assumed-role/AuditRole/aw-run-1";
        Assert.Equal(expectedArn, assumed.AssumedRoleUser.Arn);
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal("agent-7", assumed.SourceIdentity);
        Assert.Equal((expectedArn, Account, $"{_role.RoleId}:aw-run-1"),
            (identity.Arn, identity.Account, identity.UserId));
        var stored = Assert.Single(_fake.Sessions);
        Assert.Equal("agent 7", stored.Tags["agent"]);
        Assert.Equal(TimeSpan.FromSeconds(900), stored.Expiration - stored.IssuedAt);
    }

    [Fact]
    public async Task AssumeRole_WrongExternalId_ThrowsAccessDenied()
    {
        using var sts = Sts(WorkerCredentials());

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = _role.Arn, RoleSessionName = "aw-run-1", ExternalId = "other" },
            TestContext.Current.CancellationToken));

        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task AssumeRole_ChainedSessionAskingTwoHours_ThrowsValidationError()
    {
        var chained = _fake.AddRole(Account, "ChainedRole", [_role.Arn], maxSessionDuration: TimeSpan.FromHours(4));
        using var sessionSts = Sts(SessionCredentials(await AssumeAsync()));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sessionSts.AssumeRoleAsync(
            new AssumeRoleRequest { RoleArn = chained.Arn, RoleSessionName = "chain", DurationSeconds = 7200 },
            TestContext.Current.CancellationToken));

        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("role chaining", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BucketConfigurationReads_SeededBucket_SdkParsesEveryType()
    {
        var bucket = _fake.AddBucket(Account, "audit-target");
        bucket.Policy = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
            "Action":"s3:GetObject","Resource":"arn:aws:s3:::audit-target/*"}]}
            """;
        bucket.Grants = [.. bucket.Grants, FakeAclGrant.ToGroup(FakeAclGrant.AllUsers, "READ")];
        bucket.ObjectOwnership = "BucketOwnerPreferred";
        bucket.PublicAccessBlock = new FakePublicAccessBlock(true, false, true, false);
        _fake.AddBucket(Account, "legacy-eu", "eu-west-1").LocationConstraint = "EU";
        using var s3 = S3(SessionCredentials(await AssumeAsync()));
        var ct = TestContext.Current.CancellationToken;

        const string name = "audit-target";
        var block = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = name }, ct))
            .PublicAccessBlockConfiguration;
        var status = await s3.GetBucketPolicyStatusAsync(new GetBucketPolicyStatusRequest { BucketName = name }, ct);
        var policy = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = "audit-target" }, ct);
        var acl = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "audit-target" }, ct);
        var ownership = await s3.GetBucketOwnershipControlsAsync(
            new GetBucketOwnershipControlsRequest { BucketName = name }, ct);
        var location = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = name }, ct);
        var euLocation = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = "legacy-eu" }, ct);

        Assert.Equal((true, false, true, false),
            (block.BlockPublicAcls, block.IgnorePublicAcls, block.BlockPublicPolicy, block.RestrictPublicBuckets));
        Assert.True(status.PolicyStatus.IsPublic);
        Assert.Equal(bucket.Policy, policy.Policy);
        Assert.Equal(bucket.Owner.CanonicalUserId, acl.Owner.Id);
        Assert.Contains(acl.Grants, g => g.Grantee.URI == FakeAclGrant.AllUsers && g.Permission == S3Permission.READ);
        Assert.Contains(acl.Grants, g => g.Grantee.CanonicalUser == bucket.Owner.CanonicalUserId
            && g.Permission == S3Permission.FULL_CONTROL);
        Assert.Equal(ObjectOwnership.BucketOwnerPreferred,
            Assert.Single(ownership.OwnershipControls.Rules).ObjectOwnership);
        Assert.Equal(string.Empty, location.Location?.Value ?? string.Empty);
        Assert.Equal("EU", euLocation.Location.Value);
    }

    [Fact]
    public async Task ListBuckets_PagedByTwo_ReturnsSortedNamesAndTokens()
    {
        foreach (var name in new[] { "b-3", "b-1", "c-9", "b-2" })
        {
            _fake.AddBucket(Account, name);
        }

        _fake.AddBucket("444455556666", "b-other-account");
        using var s3 = S3(SessionCredentials(await AssumeAsync()));
        var ct = TestContext.Current.CancellationToken;

        var first = await s3.ListBucketsAsync(new ListBucketsRequest { Prefix = "b-", MaxBuckets = 2 }, ct);
        var second = await s3.ListBucketsAsync(
            new ListBucketsRequest { Prefix = "b-", MaxBuckets = 2, ContinuationToken = first.ContinuationToken }, ct);

        Assert.Equal(["b-1", "b-2"], first.Buckets.Select(b => b.BucketName));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["b-3"], second.Buckets.Select(b => b.BucketName));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task GetPublicAccessBlock_NoneSet_SdkThrowsNoSuchPublicAccessBlockConfiguration()
    {
        _fake.AddBucket(Account, "bare");
        using var s3 = S3(SessionCredentials(await AssumeAsync()));

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetPublicAccessBlockAsync(
            new GetPublicAccessBlockRequest { BucketName = "bare" }, TestContext.Current.CancellationToken));

        Assert.Equal(("NoSuchPublicAccessBlockConfiguration", HttpStatusCode.NotFound),
            (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task GetBucketPolicy_NoPolicy_SdkSuppresses404AndReturnsErrorBodyAsPolicy()
    {
        _fake.AddBucket(Account, "no-policy");
        using var s3 = S3(SessionCredentials(await AssumeAsync()));

        var response = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = "no-policy" },
            TestContext.Current.CancellationToken);

        // SDK v4 marks GetBucketPolicy "suppress 404" and hands the error XML back as the policy text, so
        // callers must check the status code rather than catch an exception.
        Assert.Equal(HttpStatusCode.NotFound, response.HttpStatusCode);
        Assert.Contains("<Code>NoSuchBucketPolicy</Code>", response.Policy, StringComparison.Ordinal);
        var record = Assert.Single(_fake.Requests, r => r.Action == "GetBucketPolicy");
        Assert.Equal((404, "NoSuchBucketPolicy"), (record.StatusCode, record.ErrorCode));
    }

    [Fact]
    public async Task GetBucketAcl_BucketInOtherRegion_AnswersPermanentRedirectWithRegionHeader()
    {
        _fake.AddBucket(Account, "far-away", "ap-southeast-2");
        using var s3 = S3(SessionCredentials(await AssumeAsync()));

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.GetBucketAclAsync(
            new GetBucketAclRequest { BucketName = "far-away" }, TestContext.Current.CancellationToken));

        Assert.Equal(("PermanentRedirect", HttpStatusCode.MovedPermanently), (error.ErrorCode, error.StatusCode));
        var httpError = Assert.IsType<Amazon.Runtime.Internal.HttpErrorResponseException>(error.InnerException);
        Assert.Equal("ap-southeast-2", httpError.Response.GetHeaderValue("x-amz-bucket-region"));
        var record = Assert.Single(_fake.Requests, r => r.Action == "GetBucketAcl");
        Assert.Equal((301, "PermanentRedirect"), (record.StatusCode, record.ErrorCode));
    }

    [Fact]
    public async Task ListBuckets_WrongSecret_RejectedWithSignatureDoesNotMatch()
    {
        using var s3 = S3(new BasicAWSCredentials(_worker.AccessKeyId, "not-the-secret-not-the-secret-not-the-se"));

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.ListBucketsAsync(new ListBucketsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(("SignatureDoesNotMatch", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
        Assert.Null(Assert.Single(_fake.Requests).PrincipalArn);
    }

    [Fact]
    public async Task GetCallerIdentity_UnknownKey_RejectedWithInvalidClientTokenId()
    {
        using var sts = Sts(new BasicAWSCredentials("AKIAUNKNOWNUNKNOWN00", "whatever-secret"));

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(("InvalidClientTokenId", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task ListBuckets_SessionExpiredOnFakeClock_RejectedWithExpiredToken()
    {
        using var s3 = S3(SessionCredentials(await AssumeAsync()));
        await s3.ListBucketsAsync(new ListBucketsRequest(), TestContext.Current.CancellationToken);

        _fake.Advance(TimeSpan.FromSeconds(901));
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.ListBucketsAsync(new ListBucketsRequest(), TestContext.Current.CancellationToken));

        Assert.Equal(("ExpiredToken", HttpStatusCode.BadRequest), (error.ErrorCode, error.StatusCode));
    }

    [Fact]
    public async Task PutObject_SessionWithoutGrant_DeniedAndNothingStored()
    {
        var reports = _fake.AddBucket(Account, "reports");
        using var s3 = S3(SessionCredentials(await AssumeAsync()));

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.PutObjectAsync(
            new PutObjectRequest { BucketName = "reports", Key = "r.json", ContentBody = "{}" },
            TestContext.Current.CancellationToken));

        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
        Assert.Empty(reports.Objects);
    }

    [Fact]
    public async Task PutObject_WorkerUserChunkedUpload_StoresBytesThatGetObjectReturns()
    {
        var reports = _fake.AddBucket(Account, "reports");
        using var s3 = S3(WorkerCredentials());
        var ct = TestContext.Current.CancellationToken;
        var body = "{\"verdict\":\"public\",\"note\":\"" + new string('x', 70_000) + "\"}";

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = "reports",
            Key = "runs/wf 1/report.json",
            ContentBody = body,
            ContentType = "application/json",
        }, ct);
        using var read = await s3.GetObjectAsync(
            new GetObjectRequest { BucketName = "reports", Key = "runs/wf 1/report.json" }, ct);
        using var reader = new StreamReader(read.ResponseStream);

        Assert.Equal(body, reports.FindObject("runs/wf 1/report.json")?.ContentAsString());
        Assert.Equal(body, await reader.ReadToEndAsync(ct));
        Assert.All(_fake.Requests, r => Assert.Equal(_worker.UserArn, r.PrincipalArn));
    }

    [Fact]
    public async Task S3Reads_AfterAssumeRole_LoggedUnderAssumedSessionNotWorker()
    {
        _fake.AddBucket(Account, "audited");
        var assumed = await AssumeAsync();
        using var s3 = S3(SessionCredentials(assumed));
        _fake.ClearRequests();

        await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "audited" },
            TestContext.Current.CancellationToken);

        var record = Assert.Single(_fake.Requests);
        Assert.Equal(("s3", "GetBucketAcl", "audited"), (record.Service, record.Action, record.BucketName));
        Assert.Equal(assumed.AssumedRoleUser.Arn, record.PrincipalArn);
        Assert.Equal(assumed.Credentials.AccessKeyId, record.AccessKeyId);
    }

    [Fact]
    public async Task InjectFault_SlowDownTwice_SdkRetriesThenSucceeds()
    {
        _fake.AddBucket(Account, "flaky").Policy =
            """{"Statement":[{"Effect":"Deny","Action":"s3:*","Principal":"*"}]}""";
        _fake.InjectFault(new FakeFault("GetBucketPolicy", "SlowDown", 503, Bucket: "flaky", Times: 2));
        using var s3 = S3(SessionCredentials(await AssumeAsync()));
        _fake.ClearRequests();

        var policy = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = "flaky" },
            TestContext.Current.CancellationToken);

        Assert.Contains("Deny", policy.Policy, StringComparison.Ordinal);
        Assert.Equal([503, 503, 200], _fake.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task PutRolePolicy_DenyOnSessionUserIdOverWire_EnforcedAfterPropagationButIdentityStillAnswers()
    {
        _fake.RevocationPropagationCalls = 1;
        var assumed = await AssumeAsync();
        using var iam = SignedHttp(WorkerCredentials(), "iam");
        using var s3 = S3(SessionCredentials(assumed));
        using var sessionSts = Sts(SessionCredentials(assumed));
        var ct = TestContext.Current.CancellationToken;
        var deny = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"," +
            "\"Action\":\"*\",\"Resource\":\"*\"," +
            "\"Condition\":{\"StringLike\":{\"aws:userid\":\"" + assumed.AssumedRoleUser.AssumedRoleId + "\"}}}]}";

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Action"] = "PutRolePolicy",
            ["Version"] = "2010-05-08",
            ["RoleName"] = "AuditRole",
            ["PolicyName"] = "revoke-aw-run",
            ["PolicyDocument"] = deny,
        });
        using var put = await iam.PostAsync(new Uri("/", UriKind.Relative), form, ct);
        await s3.ListBucketsAsync(new ListBucketsRequest(), ct);
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            s3.ListBucketsAsync(new ListBucketsRequest(), ct));
        var identity = await sessionSts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(deny, _fake.GetRolePolicies(_role)["revoke-aw-run"]);
        Assert.Equal(("AccessDenied", HttpStatusCode.Forbidden), (error.ErrorCode, error.StatusCode));
        Assert.Contains("explicit deny", error.Message, StringComparison.Ordinal);
        Assert.Equal(assumed.AssumedRoleUser.Arn, identity.Arn);
    }

    [Fact]
    public async Task GetBucketAcl_DenyOnTokenIssueTime_DeniesOlderSessionOnly()
    {
        _fake.AddBucket(Account, "audited");
        using var oldSession = S3(SessionCredentials(await AssumeAsync()));
        _fake.Advance(TimeSpan.FromMinutes(1));
        var cutoff = _fake.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
        _fake.PutRolePolicy(_role, "revoke-older", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\"," +
            "\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":" +
            "{\"aws:TokenIssueTime\":\"" + cutoff + "\"}}}]}");
        _fake.Advance(TimeSpan.FromSeconds(1));
        using var newSession = S3(SessionCredentials(await AssumeAsync()));
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() =>
            oldSession.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "audited" }, ct));
        var acl = await newSession.GetBucketAclAsync(new GetBucketAclRequest { BucketName = "audited" }, ct);

        Assert.Equal("AccessDenied", error.ErrorCode);
        Assert.NotEmpty(acl.Grants);
    }

    [Fact]
    public async Task GetRolePolicy_MissingPolicyOverWire_AnswersNoSuchEntityQueryError()
    {
        using var iam = SignedHttp(WorkerCredentials(), "iam");

        using var response = await iam.PostAsync(new Uri("/", UriKind.Relative), new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["Action"] = "GetRolePolicy",
                ["Version"] = "2010-05-08",
                ["RoleName"] = "AuditRole",
                ["PolicyName"] = "absent",
            }), TestContext.Current.CancellationToken);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        XNamespace ns = "https://iam.amazonaws.com/doc/2010-05-08/";
        var error = xml.Root!.Element(ns + "Error")!;
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(("Sender", "NoSuchEntity"),
            (error.Element(ns + "Type")!.Value, error.Element(ns + "Code")!.Value));
    }

    [Fact]
    public async Task S3ControlGetPublicAccessBlock_AccountSetting_ReturnsFlagsThenNotFoundWhenRemoved()
    {
        var reader = _fake.AddUser(Account, "pab-reader", "s3:GetAccountPublicAccessBlock");
        _fake.GetAccount(Account).PublicAccessBlock = new FakePublicAccessBlock(true, true, false, false);
        using var http = SignedHttp(new BasicAWSCredentials(reader.AccessKeyId, reader.SecretAccessKey), "s3");
        var ct = TestContext.Current.CancellationToken;

        var (firstStatus, first) = await GetAccountBlockAsync(http, ct);
        _fake.GetAccount(Account).PublicAccessBlock = null;
        var (secondStatus, second) = await GetAccountBlockAsync(http, ct);

        XNamespace ns = "http://awss3control.amazonaws.com/doc/2018-08-20/";
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal("PublicAccessBlockConfiguration", first.Root!.Name.LocalName);
        Assert.Equal("true", first.Root.Element(ns + "IgnorePublicAcls")!.Value);
        Assert.Equal("false", first.Root.Element(ns + "BlockPublicPolicy")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, secondStatus);
        Assert.Equal("NoSuchPublicAccessBlockConfiguration", second.Descendants("Code").Single().Value);
    }

    private static async Task<(HttpStatusCode Status, XDocument Body)> GetAccountBlockAsync(
        HttpClient http, CancellationToken ct)
    {
        var path = new Uri("/v20180820/configuration/publicAccessBlock", UriKind.Relative);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-amz-account-id", Account);
        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, XDocument.Parse(await response.Content.ReadAsStringAsync(ct)));
    }

    private async Task<AssumeRoleResponse> AssumeAsync()
    {
        using var sts = Sts(WorkerCredentials());
        return await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = _role.Arn,
            RoleSessionName = "aw-run-1",
            DurationSeconds = 900,
            ExternalId = "ext-42",
        }, TestContext.Current.CancellationToken);
    }

    private BasicAWSCredentials WorkerCredentials() => new(_worker.AccessKeyId, _worker.SecretAccessKey);

    private static SessionAWSCredentials SessionCredentials(AssumeRoleResponse assumed) =>
        new(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);

    private AmazonSecurityTokenServiceClient Sts(AWSCredentials credentials) =>
        new(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _fake.ServiceUrl,
            AuthenticationRegion = Region,
        });

    private AmazonS3Client S3(AWSCredentials credentials) =>
        new(credentials, new AmazonS3Config
        {
            ServiceURL = _fake.ServiceUrl,
            AuthenticationRegion = Region,
            ForcePathStyle = true,
        });

    private HttpClient SignedHttp(AWSCredentials credentials, string service) =>
        new(new SigV4SigningHandler(credentials, RegionEndpoint.USEast1, service, new HttpClientHandler()))
        {
            BaseAddress = _fake.Endpoint,
        };
}
