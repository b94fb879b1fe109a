using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>S3 REST-XML, path-style: the bucket configuration reads, ListBuckets and object reads/writes.</summary>
internal sealed class S3Handler(FakeAwsState state)
{
    private static readonly (string Query, string Action, string IamAction)[] BucketReads =
    [
        ("location", "GetBucketLocation", "s3:GetBucketLocation"),
        ("publicAccessBlock", "GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
        ("policyStatus", "GetBucketPolicyStatus", "s3:GetBucketPolicyStatus"),
        ("policy", "GetBucketPolicy", "s3:GetBucketPolicy"),
        ("acl", "GetBucketAcl", "s3:GetBucketAcl"),
        ("ownershipControls", "GetBucketOwnershipControls", "s3:GetBucketOwnershipControls"),
    ];

    public static OperationInfo Resolve(IncomingRequest request)
    {
        var path = request.RawPath.TrimStart('/');
        if (path.Length == 0)
        {
            return request.Method == "GET"
                ? new OperationInfo("s3", "ListBuckets", "s3:ListAllMyBuckets")
                : throw NotImplemented(request.Method + " /");
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var bucket = Uri.UnescapeDataString(slash < 0 ? path : path[..slash]);
        var key = slash < 0 ? string.Empty : Uri.UnescapeDataString(path[(slash + 1)..]);
        if (key.Length > 0)
        {
            var plain = request.Query.Count == 0;
            return request.Method switch
            {
                "PUT" when plain => new OperationInfo("s3", "PutObject", "s3:PutObject", bucket, key),
                "GET" when plain => new OperationInfo("s3", "GetObject", "s3:GetObject", bucket, key),
                "HEAD" when plain => new OperationInfo("s3", "HeadObject", "s3:GetObject", bucket, key),
                _ => throw NotImplemented($"{request.Method} on an object with query {QueryNames(request)}"),
            };
        }

        if (request.Method == "HEAD" && request.Query.Count == 0)
        {
            return new OperationInfo("s3", "HeadBucket", "s3:ListBucket", bucket);
        }

        if (request.Method == "GET")
        {
            foreach (var (query, action, iamAction) in BucketReads)
            {
                if (request.HasQuery(query))
                {
                    return new OperationInfo("s3", action, iamAction, bucket);
                }
            }
        }

        throw NotImplemented($"{request.Method} on a bucket with query {QueryNames(request)}");
    }

    public FakeResponse Execute(IncomingRequest request, OperationInfo operation)
    {
        if (operation.Action == "ListBuckets")
        {
            Access.Demand(state, request, operation.IamAction, "*");
            return ListBuckets(request);
        }

        var bucket = state.FindBucket(operation.Bucket!) ?? throw new AwsErrorException(404, "NoSuchBucket",
            "The specified bucket does not exist").WithDetail("BucketName", operation.Bucket!);
        if (operation.Action != "GetBucketLocation" && bucket.Region != request.Region)
        {
            throw new AwsErrorException(301, "PermanentRedirect",
                "The bucket you are attempting to access must be addressed using the specified endpoint. " +
                "Please send all future requests to this endpoint.")
                .WithDetail("Endpoint", $"s3.{bucket.Region}.amazonaws.com")
                .WithDetail("Bucket", bucket.Name)
                .WithHeader("x-amz-bucket-region", bucket.Region);
        }

        if (bucket.Owner.AccountId != request.RequiredCaller.AccountId)
        {
            throw new AwsErrorException(403, "AccessDenied", "Access Denied");
        }

        var resource = operation.Key is null
            ? $"arn:aws:s3:::{bucket.Name}"
            : $"arn:aws:s3:::{bucket.Name}/{operation.Key}";
        Access.Demand(state, request, operation.IamAction, resource);
        return operation.Action switch
        {
            "GetBucketLocation" => Xml.S3Result(new XElement(Xml.S3 + "LocationConstraint",
                bucket.EffectiveLocationConstraint.Length == 0 ? null : bucket.EffectiveLocationConstraint)),
            "GetPublicAccessBlock" => GetPublicAccessBlock(bucket),
            "GetBucketPolicyStatus" => GetBucketPolicyStatus(bucket),
            "GetBucketPolicy" => GetBucketPolicy(bucket),
            "GetBucketAcl" => GetBucketAcl(bucket),
            "GetBucketOwnershipControls" => GetOwnershipControls(bucket),
            "HeadBucket" => new FakeResponse(200, null, []).WithHeader("x-amz-bucket-region", bucket.Region)
                .WithHeader("x-amz-access-point-alias", "false"),
            "PutObject" => PutObject(request, bucket, operation.Key!),
            _ => GetObject(bucket, operation.Key!, withBody: operation.Action == "GetObject"),
        };
    }

    private FakeResponse ListBuckets(IncomingRequest request)
    {
        var caller = request.RequiredCaller;
        var account = state.FindAccount(caller.AccountId)!;
        var prefix = request.QueryValue("prefix") ?? string.Empty;
        var region = request.QueryValue("bucket-region");
        var maxText = request.QueryValue("max-buckets");
        var max = 10000;
        if (maxText is not null &&
            (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) ||
                max < 1 || max > 10000))
        {
            throw new AwsErrorException(400, "InvalidArgument",
                $"max-buckets '{maxText}' must be an integer between 1 and 10000.")
                .WithDetail("ArgumentName", "max-buckets").WithDetail("ArgumentValue", maxText);
        }

        var after = DecodeToken(request.QueryValue("continuation-token"));
        var matching = state.BucketsOf(caller.AccountId)
            .Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(b => region is null || b.Region == region)
            .Where(b => after is null || string.CompareOrdinal(b.Name, after) > 0)
            .ToList();
        var page = matching.Take(max).ToList();
        var more = matching.Count > page.Count;

        var ns = Xml.S3;
        var root = new XElement(ns + "ListAllMyBucketsResult",
            Owner(account),
            new XElement(ns + "Buckets", page.Select(b => new XElement(ns + "Bucket",
                new XElement(ns + "Name", b.Name),
                new XElement(ns + "CreationDate", Xml.IsoMillis(b.CreationDate)),
                new XElement(ns + "BucketRegion", b.Region)))),
            more ? new XElement(ns + "ContinuationToken", EncodeToken(page[^1].Name)) : null,
            prefix.Length > 0 ? new XElement(ns + "Prefix", prefix) : null);
        return Xml.S3Result(root);
    }

    private static FakeResponse GetPublicAccessBlock(FakeBucket bucket)
    {
        var block = bucket.PublicAccessBlock ?? throw new AwsErrorException(404, "NoSuchPublicAccessBlockConfiguration",
            "The public access block configuration was not found").WithDetail("BucketName", bucket.Name);
        return Xml.S3Result(PublicAccessBlockXml(Xml.S3, block));
    }

    private static FakeResponse GetBucketPolicyStatus(FakeBucket bucket)
    {
        var policy = bucket.Policy ?? throw NoSuchBucketPolicy(bucket);
        var isPublic = bucket.PolicyStatusOverride ?? ComputeIsPublic(policy);
        return Xml.S3Result(new XElement(Xml.S3 + "PolicyStatus",
            new XElement(Xml.S3 + "IsPublic", Xml.Bool(isPublic))));
    }

    private static FakeResponse GetBucketPolicy(FakeBucket bucket)
    {
        var policy = bucket.Policy ?? throw NoSuchBucketPolicy(bucket);
        return new FakeResponse(200, "application/json", Encoding.UTF8.GetBytes(policy));
    }

    private static FakeResponse GetBucketAcl(FakeBucket bucket)
    {
        var ns = Xml.S3;
        var root = new XElement(ns + "AccessControlPolicy",
            new XAttribute(XNamespace.Xmlns + "xsi", Xml.Xsi),
            Owner(bucket.Owner),
            new XElement(ns + "AccessControlList", bucket.Grants.Select(g => new XElement(ns + "Grant",
                Grantee(g),
                new XElement(ns + "Permission", g.Permission)))));
        return Xml.S3Result(root);
    }

    private static XElement Grantee(FakeAclGrant grant)
    {
        var ns = Xml.S3;
        if (grant.GroupUri is not null)
        {
            return new XElement(ns + "Grantee", new XAttribute(Xml.Xsi + "type", "Group"),
                new XElement(ns + "URI", grant.GroupUri));
        }

        if (grant.EmailAddress is not null)
        {
            return new XElement(ns + "Grantee", new XAttribute(Xml.Xsi + "type", "AmazonCustomerByEmail"),
                new XElement(ns + "EmailAddress", grant.EmailAddress));
        }

        return new XElement(ns + "Grantee", new XAttribute(Xml.Xsi + "type", "CanonicalUser"),
            new XElement(ns + "ID", grant.CanonicalUserId),
            grant.DisplayName is null ? null : new XElement(ns + "DisplayName", grant.DisplayName));
    }

    private static FakeResponse GetOwnershipControls(FakeBucket bucket)
    {
        var ownership = bucket.ObjectOwnership ?? throw new AwsErrorException(404, "OwnershipControlsNotFoundError",
            "The bucket ownership controls were not found").WithDetail("BucketName", bucket.Name);
        var ns = Xml.S3;
        return Xml.S3Result(new XElement(ns + "OwnershipControls",
            new XElement(ns + "Rule", new XElement(ns + "ObjectOwnership", ownership))));
    }

    private FakeResponse PutObject(IncomingRequest request, FakeBucket bucket, string key)
    {
        var contentType = request.Header("Content-Type") ?? "binary/octet-stream";
        var stored = bucket.PutObject(key, request.Body, contentType, state.Now);
        return new FakeResponse(200, null, []).WithHeader("ETag", stored.ETag);
    }

    private static FakeResponse GetObject(FakeBucket bucket, string key, bool withBody)
    {
        var stored = bucket.FindObject(key) ?? throw new AwsErrorException(404, "NoSuchKey",
            "The specified key does not exist.").WithDetail("Key", key);
        var response = new FakeResponse(200, stored.ContentType, withBody ? stored.Content.ToArray() : [])
            .WithHeader("ETag", stored.ETag)
            .WithHeader("Last-Modified", stored.LastModified.UtcDateTime.ToString("r", CultureInfo.InvariantCulture))
            .WithHeader("Accept-Ranges", "bytes");
        if (!withBody)
        {
            response.WithHeader("Content-Length", stored.Content.Length.ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    internal static XElement PublicAccessBlockXml(XNamespace ns, FakePublicAccessBlock block) =>
        new(ns + "PublicAccessBlockConfiguration",
            new XElement(ns + "BlockPublicAcls", Xml.Bool(block.BlockPublicAcls)),
            new XElement(ns + "IgnorePublicAcls", Xml.Bool(block.IgnorePublicAcls)),
            new XElement(ns + "BlockPublicPolicy", Xml.Bool(block.BlockPublicPolicy)),
            new XElement(ns + "RestrictPublicBuckets", Xml.Bool(block.RestrictPublicBuckets)));

    private static bool ComputeIsPublic(string policy)
    {
        try
        {
            return PolicyDocument.Parse(policy).Statements
                .Any(s => s.IsAllow && s.HasPublicPrincipal && !s.HasCondition);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static XElement Owner(FakeAccount account) =>
        new(Xml.S3 + "Owner",
            new XElement(Xml.S3 + "ID", account.CanonicalUserId),
            new XElement(Xml.S3 + "DisplayName", account.DisplayName));

    private static AwsErrorException NoSuchBucketPolicy(FakeBucket bucket) =>
        new AwsErrorException(404, "NoSuchBucketPolicy", "The bucket policy does not exist")
            .WithDetail("BucketName", bucket.Name);

    private static string EncodeToken(string lastName) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("after:" + lastName));

    private static string? DecodeToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("after:", StringComparison.Ordinal))
            {
                return text["after:".Length..];
            }
        }
        catch (FormatException)
        {
            // Falls through to the InvalidArgument below.
        }

        throw new AwsErrorException(400, "InvalidArgument", "The continuation token provided is incorrect")
            .WithDetail("ArgumentName", "continuation-token");
    }

    private static string QueryNames(IncomingRequest request) =>
        request.Query.Count == 0 ? "(none)" : string.Join(',', request.Query.Select(p => p.Key));

    private static AwsErrorException NotImplemented(string what) =>
        new(501, "NotImplemented", $"The fake does not implement this S3 request: {what}.");
}
