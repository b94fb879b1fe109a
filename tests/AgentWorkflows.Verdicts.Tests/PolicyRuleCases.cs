using static AgentWorkflows.Activities.Verdicts.AccessVerdict;
using static AgentWorkflows.Verdicts.Tests.BucketBuilder;
using static AgentWorkflows.Verdicts.Tests.Policies;

namespace AgentWorkflows.Verdicts.Tests;

/// <summary>Rows for the bucket policy rules: principals, effects, statements, condition keys and operators.</summary>
internal static class PolicyRuleCases
{
    private const string Star = "\"*\"";
    private const string Get = "\"s3:GetObject\"";
    private const string PublicGet = "PublicRead stmt#0 * s3:GetObject";
    private const string LimitedGet = "CrossAccountLimited stmt#0 * s3:GetObject";

    public static IEnumerable<VerdictCase> All() =>
        Principals().Concat(Statements()).Concat(ConditionKeys()).Concat(Values()).Concat(Operators())
            .Concat(SourceIpRanges()).Concat(Actions());

    private static IEnumerable<VerdictCase> Principals()
    {
        yield return Policy("Principal_StarString_Public", Doc(Allow(Star, Get)), PublicGet);
        yield return Policy("Principal_AwsStarString_Public", Doc(Allow("""{"AWS": "*"}""", Get)),
            "PublicRead stmt#0 AWS:* s3:GetObject");
        yield return Policy("Principal_AwsStarArray_Public", Doc(Allow("""{"AWS": ["*"]}""", Get)),
            "PublicRead stmt#0 AWS:* s3:GetObject");
        yield return Policy("Principal_AccountAndStarArray_Public",
            Doc(Allow("""{"AWS": ["arn:aws:iam::444455556666:root", "*"]}""", Get)),
            "PublicRead stmt#0 AWS:arn:aws:iam::444455556666:root, AWS:* s3:GetObject");
        yield return Policy("Principal_Service_NotPublic",
            Doc(Allow("""{"Service": "logging.s3.amazonaws.com"}""", "\"s3:PutObject\"")));
        yield return Policy("Principal_OwnerAccount_NotPublic",
            Doc(Allow("""{"AWS": "arn:aws:iam::111122223333:root"}""", Get)));
        yield return Policy("Principal_OtherAccountId_CrossAccountLimited",
            Doc(Allow("""{"AWS": "444455556666"}""", Get)), "CrossAccountLimited stmt#0 AWS:444455556666 s3:GetObject");
        yield return Policy("Principal_OtherAccountRole_CrossAccountLimited",
            Doc(Allow("""{"AWS": ["arn:aws:iam::444455556666:role/reader"]}""", Get)),
            "CrossAccountLimited stmt#0 AWS:arn:aws:iam::444455556666:role/reader s3:GetObject");
        yield return Policy("NotPrincipal_InAllow_Public",
            Doc(AllowNotPrincipal("""{"AWS": "arn:aws:iam::444455556666:root"}""", Get)),
            "PublicRead stmt#0 NotPrincipal:AWS:arn:aws:iam::444455556666:root s3:GetObject");
        yield return Policy("NotPrincipal_PinnedByOrg_NotPublic",
            Doc(AllowNotPrincipal("""{"AWS": "arn:aws:iam::444455556666:root"}""", Get,
                """{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}""")),
            "CrossAccountLimited stmt#0 NotPrincipal:AWS:arn:aws:iam::444455556666:root s3:GetObject");
    }

    private static IEnumerable<VerdictCase> Statements()
    {
        yield return Policy("Deny_WildcardPrincipal_GrantsNothing", Doc(Deny(Star, "\"s3:*\"")));
        yield return Policy("Deny_WithPinnedAllow_NotPublic",
            Doc(Deny(Star, "\"s3:*\"", """{"Bool": {"aws:SecureTransport": "false"}}"""),
                Allow(Star, Get, """{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}""")),
            "CrossAccountLimited stmt#1 * s3:GetObject");
        yield return Policy("Deny_DoesNotCancelPublicAllow_Public",
            Doc(Allow(Star, Get, sid: "Open"),
                Deny(Star, Get, """{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}""")),
            "PublicRead stmt#0(Open) * s3:GetObject");
        yield return Policy("MultiStatement_OnePublicAmongPinned_Public",
            Doc(Allow(Star, Get, """{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"""),
                Allow("""{"Service": "cloudfront.amazonaws.com"}""", Get),
                Allow(Star, "\"s3:ListBucket\"", sid: "Listing")),
            LimitedGet, "PublicList stmt#2(Listing) * s3:ListBucket");
        yield return Policy("MultiStatement_AllPinned_NotPublic",
            Doc(Allow(Star, Get, """{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"""),
                Allow(Star, "\"s3:PutObject\"", """{"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}""")),
            LimitedGet, "CrossAccountLimited stmt#1 * s3:PutObject");
        yield return Policy("Statement_SingleObjectForm_Public",
            """
            {"Version": "2012-10-17",
             "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}}
            """,
            PublicGet);
        yield return new("Policy_NotJson_UnknownNamingRead",
            Clean().Policy("{\"Statement\": [").Build(), Unknown, [], ["s3:GetBucketPolicy"]);
    }

    private static IEnumerable<VerdictCase> ConditionKeys()
    {
        // Every listed key pins with one fixed value.
        string[][] pinning =
        [
            ["StringEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\""],
            ["StringEquals", "aws:SourceVpc", "\"vpc-111bbb22\""],
            ["IpAddress", "aws:SourceIp", "\"203.0.113.0/24\""],
            ["ArnEquals", "aws:SourceArn", "\"arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE\""],
            ["StringEquals", "aws:SourceOwner", "\"111122223333\""],
            ["StringEquals", "aws:SourceAccount", "\"444455556666\""],
            ["StringEquals", "aws:PrincipalOrgID", "\"o-a1b2c3d4e5\""],
            ["StringEquals", "aws:userid", "\"AIDAJQABLZS4A3QDU576Q\""],
            ["StringEquals", "s3:x-amz-server-side-encryption-aws-kms-key-id",
                "\"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\""],
            ["StringEquals", "s3:DataAccessPointArn", "\"arn:aws:s3:us-east-1:111122223333:accesspoint/ap1\""],
            ["StringEquals", "s3:DataAccessPointAccount", "\"111122223333\""],
            ["StringEquals", "aws:PrincipalAccount", "\"444455556666\""],
            ["ArnEquals", "aws:PrincipalArn", "\"arn:aws:iam::444455556666:role/reader\""],
        ];
        foreach (var (op, key, value) in pinning.Select(p => (p[0], p[1], p[2])))
        {
            yield return Policy($"Key_{Name(key)}_FixedValue_NotPublic", StarGetObjectWhen(op, key, value), LimitedGet);
        }

        yield return Policy("Key_UpperCaseName_StillPins",
            StarGetObjectWhen("StringEquals", "AWS:SOURCEVPCE", "\"vpce-1a2b3c4d\""), LimitedGet);
        yield return Policy("Key_MixedCaseKmsKey_StillPins",
            StarGetObjectWhen("StringEquals", "S3:X-Amz-Server-Side-Encryption-Aws-Kms-Key-Id", "\"key-1\""),
            LimitedGet);
        yield return Policy("Key_Referer_NotOnList_Public",
            StarGetObjectWhen("StringEquals", "aws:Referer", "\"https://www.example.com/\""), PublicGet);
        yield return Policy("Key_PrincipalOrgPaths_NotOnList_Public",
            StarGetObjectWhen("StringEquals", "aws:PrincipalOrgPaths", "\"o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/\""),
            PublicGet);
        yield return Policy("Key_SecureTransport_NotOnList_Public",
            StarGetObjectWhen("Bool", "aws:SecureTransport", "\"true\""), PublicGet);
        yield return Policy("Key_PinnedBesideUnpinned_NotPublic",
            Doc(Allow(Star, Get,
                """
                {"StringLike": {"aws:SourceVpc": "vpc-*"}, "StringEquals": {"aws:SourceAccount": "111122223333"}}
                """)),
            LimitedGet);
    }

    private static IEnumerable<VerdictCase> Values()
    {
        yield return Policy("Value_Asterisk_NotFixed_Public",
            StarGetObjectWhen("StringLike", "aws:SourceVpce", "\"vpce-*\""), PublicGet);
        yield return Policy("Value_QuestionMark_NotFixed_Public",
            StarGetObjectWhen("StringLike", "aws:SourceVpce", "\"vpce-1a2b3c4?\""), PublicGet);
        yield return Policy("Value_PolicyVariable_NotFixed_Public",
            StarGetObjectWhen("StringEquals", "aws:userid", "\"${aws:userid}\""), PublicGet);
        yield return Policy("Value_UserIdRoleWildcard_Public",
            StarGetObjectWhen("StringLike", "aws:userid", "\"AROAEXAMPLEID:*\""), PublicGet);
        yield return Policy("Value_UserIdRoleSession_NotPublic",
            StarGetObjectWhen("StringEquals", "aws:userid", "\"AROAEXAMPLEID:audit-session\""), LimitedGet);
        yield return Policy("Value_ArrayAllFixed_NotPublic",
            StarGetObjectWhen("StringEquals", "aws:SourceVpce", """["vpce-1a2b3c4d", "vpce-5e6f7a8b"]"""), LimitedGet);
        yield return Policy("Value_ArrayOneWildcard_Public",
            StarGetObjectWhen("StringEquals", "aws:SourceVpce", """["vpce-1a2b3c4d", "vpce-*"]"""), PublicGet);
        yield return Policy("Value_EmptyArray_Public",
            StarGetObjectWhen("StringEquals", "aws:SourceVpce", "[]"), PublicGet);
        yield return Policy("Value_AccountAsNumber_NotPublic",
            StarGetObjectWhen("StringEquals", "aws:SourceAccount", "111122223333"), LimitedGet);
    }

    private static IEnumerable<VerdictCase> Operators()
    {
        yield return Policy("Operator_StringNotEquals_Public",
            StarGetObjectWhen("StringNotEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\""), PublicGet);
        yield return Policy("Operator_StringEqualsIfExists_Public",
            StarGetObjectWhen("StringEqualsIfExists", "aws:SourceVpce", "\"vpce-1a2b3c4d\""), PublicGet);
        yield return Policy("Operator_ForAllValues_Public",
            StarGetObjectWhen("ForAllValues:StringEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\""), PublicGet);
        yield return Policy("Operator_ForAnyValue_NotPublic",
            StarGetObjectWhen("ForAnyValue:StringEquals", "aws:SourceVpce", "\"vpce-1a2b3c4d\""), LimitedGet);
        yield return Policy("Operator_StringEqualsIgnoreCase_NotPublic",
            StarGetObjectWhen("StringEqualsIgnoreCase", "aws:SourceVpce", "\"VPCE-1A2B3C4D\""), LimitedGet);
        yield return Policy("Operator_StringLikeFixedValue_NotPublic",
            StarGetObjectWhen("StringLike", "aws:SourceVpce", "\"vpce-1a2b3c4d\""), LimitedGet);
        yield return Policy("Operator_ArnLikeFixedValue_NotPublic",
            StarGetObjectWhen("ArnLike", "aws:SourceArn", "\"arn:aws:sns:us-east-1:111122223333:topic\""), LimitedGet);
        yield return Policy("Operator_ArnLikeWildcard_Public",
            StarGetObjectWhen("ArnLike", "aws:SourceArn", "\"arn:aws:sns:*:111122223333:*\""), PublicGet);
        yield return Policy("Operator_Null_Public",
            StarGetObjectWhen("Null", "aws:SourceVpce", "\"false\""), PublicGet);
        yield return Policy("Operator_NotIpAddress_Public",
            StarGetObjectWhen("NotIpAddress", "aws:SourceIp", "\"203.0.113.0/24\""), PublicGet);
        yield return Policy("Operator_IpAddressIfExists_Public",
            StarGetObjectWhen("IpAddressIfExists", "aws:SourceIp", "\"203.0.113.0/24\""), PublicGet);
        yield return Policy("Operator_StringEqualsOnSourceIp_Public",
            StarGetObjectWhen("StringEquals", "aws:SourceIp", "\"203.0.113.7\""), PublicGet);
    }

    private static IEnumerable<VerdictCase> SourceIpRanges()
    {
        (string Name, string Value, bool Pins)[] ranges =
        [
            ("Ipv4Slash8", "\"11.0.0.0/8\"", true),
            ("Ipv4Slash7", "\"12.0.0.0/7\"", false),
            ("Ipv4Slash0", "\"0.0.0.0/0\"", false),
            ("Ipv4SingleAddress", "\"203.0.113.7\"", true),
            ("Ipv4Slash32", "\"203.0.113.7/32\"", true),
            ("PrivateTenSlash8", "\"10.0.0.0/8\"", true),
            ("Private172Slash12", "\"172.16.0.0/12\"", true),
            ("Private192Slash16", "\"192.168.0.0/16\"", true),
            ("TenSlash7CoversPublicSpace", "\"10.0.0.0/7\"", false),
            ("Ipv6Slash32", "\"2001:db8::/32\"", true),
            ("Ipv6Slash31", "\"2001:db8::/31\"", false),
            ("Ipv6Slash0", "\"::/0\"", false),
            ("Ipv6UniqueLocalSlash7", "\"fc00::/7\"", false),
            ("Ipv6Slash64", "\"2001:db8:1234:5678::/64\"", true),
            ("Ipv4MappedAllIpv4", "\"::ffff:0:0/96\"", false),
            ("Ipv4MappedSlash8", "\"::ffff:10.0.0.0/104\"", true),
            ("ListWithOneBroadRange", """["203.0.113.0/24", "0.0.0.0/1"]""", false),
            ("ListAllNarrow", """["203.0.113.0/24", "2001:db8::/48"]""", true),
            ("NotAnAddress", "\"not-an-ip\"", false),
            ("PrefixTooLong", "\"203.0.113.0/33\"", false),
        ];
        foreach (var (name, value, pins) in ranges)
        {
            var id = $"SourceIp_{name}_{(pins ? "NotPublic" : "Public")}";
            var policy = StarGetObjectWhen("IpAddress", "aws:SourceIp", value);
            yield return Policy(id, policy, pins ? LimitedGet : PublicGet);
        }
    }

    private static IEnumerable<VerdictCase> Actions()
    {
        yield return Policy("Action_PutObject_PublicWrite", Doc(Allow(Star, "\"s3:PutObject\"")),
            "PublicWrite stmt#0 * s3:PutObject");
        yield return Policy("Action_DeleteObjectArray_PublicWrite", Doc(Allow(Star, """["s3:DeleteObject"]""")),
            "PublicWrite stmt#0 * s3:DeleteObject");
        yield return Policy("Action_ListBucket_PublicList", Doc(Allow(Star, "\"s3:ListBucket\"")),
            "PublicList stmt#0 * s3:ListBucket");
        yield return Policy("Action_S3Star_ReadListWrite", Doc(Allow(Star, "\"s3:*\"")),
            "PublicWrite stmt#0 * s3:*", "PublicRead stmt#0 * s3:*", "PublicList stmt#0 * s3:*");
        yield return Policy("Action_Star_ReadListWrite", Doc(Allow(Star, Star)),
            "PublicWrite stmt#0 * *", "PublicRead stmt#0 * *", "PublicList stmt#0 * *");
        yield return Policy("Action_LowerCaseGet_PublicRead", Doc(Allow(Star, "\"s3:getobject\"")),
            "PublicRead stmt#0 * s3:getobject");
        yield return Policy("Action_GetBucketAcl_PublicRead", Doc(Allow(Star, "\"s3:GetBucketAcl\"")),
            "PublicRead stmt#0 * s3:GetBucketAcl");
        yield return Policy("Action_PutBucketPolicy_PublicWrite", Doc(Allow(Star, "\"s3:PutBucketPolicy\"")),
            "PublicWrite stmt#0 * s3:PutBucketPolicy");
        yield return Policy("NotAction_DeleteOnly_ReadListWrite", Doc(AllowNotAction(Star, "\"s3:DeleteObject\"")),
            "PublicWrite stmt#0 * NotAction:s3:DeleteObject", "PublicRead stmt#0 * NotAction:s3:DeleteObject",
            "PublicList stmt#0 * NotAction:s3:DeleteObject");
        yield return Policy("NotAction_AllButGet_NoRead", Doc(AllowNotAction(Star, "[\"s3:Get*\"]")),
            "PublicWrite stmt#0 * NotAction:s3:Get*", "PublicList stmt#0 * NotAction:s3:Get*");
        yield return Policy("NotAction_AllS3_PublicOther", Doc(AllowNotAction(Star, "\"s3:*\"")),
            "PublicOther stmt#0 * NotAction:s3:*");
        yield return Policy("Action_OtherService_PublicOther", Doc(Allow(Star, "\"sqs:SendMessage\"")),
            "PublicOther stmt#0 * sqs:SendMessage");
    }

    private static VerdictCase Policy(string id, string policy, params string[] findings)
    {
        var verdict = findings.Any(f => f.StartsWith("Public", StringComparison.Ordinal)) ? Public : NotPublic;
        return new VerdictCase(id, Clean().Policy(policy).Build(), verdict, findings);
    }

    private static string Name(string key) =>
        string.Concat(key.Split(':', '-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
