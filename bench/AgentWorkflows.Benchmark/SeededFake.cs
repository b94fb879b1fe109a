using System.Globalization;
using System.Text.Json;
using AgentWorkflows.AwsFake;

namespace AgentWorkflows.Benchmark;

/// <summary>
/// The in-process AWS fake on 127.0.0.1, seeded with one account of N buckets in a realistic mix, a
/// worker user that may assume the audit role and revoke its sessions, and the audit role itself. The
/// mix is a fixed function of the bucket's index, so every run sees the same account.
/// </summary>
internal sealed class SeededFake : IAsyncDisposable
{
    public const string AccountId = "111122223333";
    private const string OtherAccountId = "444455556666";
    private const string OrganizationId = "o-bench12345";

    private readonly FakeAws fake;

    private SeededFake(FakeAws fake, BenchTarget target)
    {
        this.fake = fake;
        Target = target;
    }

    public BenchTarget Target { get; }

    public static async Task<SeededFake> StartAsync(int buckets, TimeSpan latency)
    {
        var fake = await FakeAws.StartAsync(new FakeAwsOptions { Time = TimeProvider.System })
            .ConfigureAwait(false);
        try
        {
            var worker = fake.AddUser(AccountId, "audit-worker", "sts:AssumeRole", "sts:GetCallerIdentity", "iam:*");
            var role = fake.AddRole(
                AccountId,
                "S3AuditRole",
                [worker.UserArn],
                maxSessionDuration: TimeSpan.FromHours(1),
                allowedActions: ["s3:*"]);
            for (var index = 0; index < buckets; index++)
            {
                Seed(fake, index);
            }

            fake.Latency = latency;
            fake.ClearRequests();
            return new SeededFake(
                fake,
                new BenchTarget(fake.Endpoint, AccountId, role.Arn, worker.AccessKeyId, worker.SecretAccessKey));
        }
        catch
        {
            await fake.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Requests answered since <see cref="ClearRequests"/> (or since seeding).</summary>
    public IReadOnlyList<FakeRequestRecord> Requests() => fake.Requests;

    public void ClearRequests() => fake.ClearRequests();

    public ValueTask DisposeAsync() => fake.DisposeAsync();

    /// <summary>
    /// One bucket of the mix: regions (us-east-1 mostly, legacy <c>EU</c> among them), bucket Block Public
    /// Access on about half, a policy on a quarter (public, IP-limited, organization-limited,
    /// cross-account, deny-only), extra ACL grants on a tenth, and the three ownership settings.
    /// </summary>
    private static void Seed(FakeAws fake, int index)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"bench-{index:D6}-audit");
        var bucket = fake.AddBucket(AccountId, name, Region(index));
        if (index % 20 == 15)
        {
            bucket.LocationConstraint = "EU";
        }

        bucket.PublicAccessBlock = (index % 10) switch
        {
            < 4 => FakePublicAccessBlock.AllBlocked,
            4 => new FakePublicAccessBlock(false, false, true, false),
            _ => null,
        };
        bucket.Policy = Policy(name, index);
        bucket.ObjectOwnership = (index % 10) switch
        {
            < 5 => "BucketOwnerEnforced",
            < 7 => "BucketOwnerPreferred",
            _ => null,
        };

        var extra = (index % 100) switch
        {
            < 3 => FakeAclGrant.ToGroup(FakeAclGrant.AllUsers, "READ"),
            < 5 => FakeAclGrant.ToGroup(FakeAclGrant.AuthenticatedUsers, "READ"),
            < 10 => FakeAclGrant.ToGroup(FakeAclGrant.LogDelivery, "WRITE"),
            _ => null,
        };
        if (extra is not null)
        {
            bucket.Grants = [.. bucket.Grants, extra];
        }
    }

    private static string Region(int index) => (index % 20) switch
    {
        < 14 => "us-east-1",
        < 17 => "eu-west-1",
        < 19 => "us-west-2",
        _ => "ap-southeast-2",
    };

    private static string? Policy(string bucket, int index)
    {
        var objects = $"arn:aws:s3:::{bucket}/*";
        object? statement = (index % 16) switch
        {
            0 => Statement("PublicRead", "Allow", "*", "s3:GetObject", objects),
            1 => Statement("OfficeOnly", "Allow", new { AWS = "*" }, "s3:GetObject", objects,
                new { IpAddress = new Dictionary<string, string> { ["aws:SourceIp"] = "203.0.113.0/24" } }),
            2 => Statement("Org", "Allow", "*", "s3:GetObject", objects,
                new { StringEquals = new Dictionary<string, string> { ["aws:PrincipalOrgID"] = OrganizationId } }),
            3 => Statement("Partner", "Allow", new { AWS = $"arn:aws:iam::{OtherAccountId}:root" },
                new[] { "s3:GetObject", "s3:ListBucket" }, new[] { objects, $"arn:aws:s3:::{bucket}" }),
            4 => Statement("TlsOnly", "Deny", "*", "s3:*", objects,
                new { Bool = new Dictionary<string, string> { ["aws:SecureTransport"] = "false" } }),
            _ => null,
        };
        return statement is null
            ? null
            : JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Version"] = "2012-10-17",
                ["Statement"] = new[] { statement },
            });
    }

    private static Dictionary<string, object> Statement(
        string sid, string effect, object principal, object action, object resource, object? condition = null)
    {
        var statement = new Dictionary<string, object>
        {
            ["Sid"] = sid,
            ["Effect"] = effect,
            ["Principal"] = principal,
            ["Action"] = action,
            ["Resource"] = resource,
        };
        if (condition is not null)
        {
            statement["Condition"] = condition;
        }

        return statement;
    }
}
