using System.Text.Json;
using AgentWorkflows.Activities.Aws;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AgentWorkflows.Integration.Tests.Integration;

/// <summary>
/// Fixtures one integration test creates under unique names, and removes again: an audit role trusted by
/// the test's own identity, and three buckets (public by ACL, public by policy, clean).
/// </summary>
public sealed class AwsTestAccount : IAsyncDisposable
{
    private readonly HttpClient _http = new();
    private readonly AmazonS3Client _s3;
    private readonly IamFixtureClient _iamFixture;
    private readonly IamHttpClient _iam;
    private readonly List<string> _buckets = [];
    private string? _roleName;

    private AwsTestAccount(IntegrationSettings settings, string prefix)
    {
        Settings = settings;
        Prefix = prefix;
        Credentials = settings.SessionToken is null
            ? new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey)
            : new SessionAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey, settings.SessionToken);
        _s3 = new AmazonS3Client(Credentials, new AmazonS3Config
        {
            ServiceURL = settings.AwsEndpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = settings.Region,
        });
        _iamFixture = IamFixtureClient.Create(_http, Credentials, settings.AwsEndpoint, settings.Region);
        _iam = new IamHttpClient(
            new SignedAwsHttpClient(_http, Credentials, TimeProvider.System, TimeSpan.FromSeconds(30)),
            settings.AwsEndpoint,
            settings.Region);
    }

    public IntegrationSettings Settings { get; }

    public AWSCredentials Credentials { get; }

    /// <summary>Prefix of every bucket this fixture creates; the audit is limited to it.</summary>
    public string Prefix { get; }

    public string AccountId { get; private set; } = "";

    public string RoleArn { get; private set; } = "";

    public string RoleName => _roleName ?? throw new InvalidOperationException("The role was not created.");

    public string PublicByAclBucket => Prefix + "acl";

    public string PublicByPolicyBucket => Prefix + "policy";

    public string CleanBucket => Prefix + "clean";

    /// <summary>Creates the role and the buckets.</summary>
    public static async Task<AwsTestAccount> CreateAsync(
        IntegrationSettings settings, CancellationToken cancellationToken)
    {
        var suffix = $"{DateTime.UtcNow:MMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        var account = new AwsTestAccount(settings, $"aw-it-{suffix}-");
        try
        {
            await account.SeedAsync(suffix, cancellationToken);
            return account;
        }
        catch
        {
            await account.DisposeAsync();
            throw;
        }
    }

    /// <summary>Names of the role's inline policies (the revocation adds one).</summary>
    public Task<IReadOnlyList<string>> RolePoliciesAsync(CancellationToken cancellationToken) =>
        _iam.ListRolePoliciesAsync(RoleName, cancellationToken);

    private async Task SeedAsync(string suffix, CancellationToken cancellationToken)
    {
        using var sts = new AmazonSecurityTokenServiceClient(Credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = Settings.AwsEndpoint.ToString(),
            AuthenticationRegion = Settings.Region,
        });
        var caller = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
        AccountId = caller.Account;

        _roleName = $"aw-it-audit-{suffix}";
        RoleArn = await _iamFixture.CreateRoleAsync(_roleName, TrustPolicy(caller.Arn), cancellationToken);
        // Sent compact: moto re-encodes form bodies before checking signatures and mismatches on spaces.
        var compact = JsonSerializer.Serialize(JsonDocument.Parse(PermissionPolicy).RootElement);
        await _iam.PutRolePolicyAsync(_roleName, "audit-read", compact, cancellationToken);

        await CreateBucketAsync(PublicByAclBucket, ObjectOwnership.ObjectWriter, cancellationToken);
        await _s3.PutBucketAclAsync(
            new PutBucketAclRequest { BucketName = PublicByAclBucket, ACL = S3CannedACL.PublicRead },
            cancellationToken);

        await CreateBucketAsync(PublicByPolicyBucket, ObjectOwnership.BucketOwnerEnforced, cancellationToken);
        await _s3.PutBucketPolicyAsync(
            new PutBucketPolicyRequest
            {
                BucketName = PublicByPolicyBucket,
                Policy = PublicReadPolicy(PublicByPolicyBucket),
            },
            cancellationToken);

        await CreateBucketAsync(CleanBucket, ObjectOwnership.BucketOwnerEnforced, cancellationToken);
        await _s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
        {
            BucketName = CleanBucket,
            PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
            {
                BlockPublicAcls = true,
                IgnorePublicAcls = true,
                BlockPublicPolicy = true,
                RestrictPublicBuckets = true,
            },
        }, cancellationToken);
    }

    private async Task CreateBucketAsync(string name, ObjectOwnership ownership, CancellationToken cancellationToken)
    {
        await _s3.PutBucketAsync(
            new PutBucketRequest { BucketName = name, ObjectOwnership = ownership }, cancellationToken);
        _buckets.Add(name);

        // New buckets block public access by default on AWS; the public fixtures need it off.
        await _s3.DeletePublicAccessBlockAsync(
            new DeletePublicAccessBlockRequest { BucketName = name }, cancellationToken);
    }

    /// <summary>Removes what <see cref="CreateAsync"/> made; each step runs even when an earlier one failed.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var bucket in _buckets)
        {
            await BestEffortAsync(() => _s3.DeleteBucketAsync(new DeleteBucketRequest { BucketName = bucket }));
        }

        if (_roleName is not null)
        {
            var policies = await BestEffortAsync(() => _iam.ListRolePoliciesAsync(_roleName)) ?? [];
            foreach (var policy in policies)
            {
                await BestEffortAsync(() => _iam.DeleteRolePolicyAsync(_roleName, policy));
            }

            await BestEffortAsync(() => _iamFixture.DeleteRoleAsync(_roleName, CancellationToken.None));
        }

        _s3.Dispose();
        _http.Dispose();
    }

    private static async Task<T?> BestEffortAsync<T>(Func<Task<T>> step) where T : class
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is AmazonServiceException or AwsServiceError or HttpRequestException)
        {
            return null;
        }
    }

    private static async Task BestEffortAsync(Func<Task> step) =>
        await BestEffortAsync(async () => { await step(); return string.Empty; });

    private static string TrustPolicy(string callerArn) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Effect = "Allow",
                Principal = new { AWS = callerArn },
                Action = new[] { "sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity" },
            },
        },
    });

    private static string PublicReadPolicy(string bucket) => JsonSerializer.Serialize(new
    {
        Version = "2012-10-17",
        Statement = new[]
        {
            new
            {
                Sid = "PublicRead",
                Effect = "Allow",
                Principal = "*",
                Action = "s3:GetObject",
                Resource = $"arn:aws:s3:::{bucket}/*",
            },
        },
    });

    /// <summary>
    /// The audit role's permission policy as README.md documents it, plus the action names the moto emulator
    /// checks instead for three of the reads (it authorises them as s3:ListBucket and s3:GetPublicAccessBlock).
    /// </summary>
    public const string PermissionPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "AuditS3PublicAccess",
              "Effect": "Allow",
              "Action": [
                "s3:ListAllMyBuckets",
                "s3:GetBucketLocation",
                "s3:GetBucketPublicAccessBlock",
                "s3:GetBucketPolicyStatus",
                "s3:GetBucketPolicy",
                "s3:GetBucketAcl",
                "s3:GetBucketOwnershipControls",
                "s3:GetAccountPublicAccessBlock"
              ],
              "Resource": "*"
            },
            {
              "Sid": "EmulatorActionNames",
              "Effect": "Allow",
              "Action": ["s3:ListBucket", "s3:GetPublicAccessBlock"],
              "Resource": "*"
            }
          ]
        }
        """;
}
