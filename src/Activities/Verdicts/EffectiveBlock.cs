using AgentWorkflows.Workflows.Contracts;

namespace AgentWorkflows.Activities.Verdicts;

/// <summary>
/// The two Block Public Access flags that change what is public now, combined as S3 combines account and
/// bucket level (the most restrictive wins). Null means neither level is known to set the flag and at
/// least one level could not be read. The level texts name where a set flag comes from.
/// </summary>
internal sealed record EffectiveBlock(
    bool? IgnorePublicAcls,
    bool? RestrictPublicBuckets,
    string IgnoreLevel,
    string RestrictLevel)
{
    public static EffectiveBlock Combine(
        S3Read<PublicAccessBlockFlags> account, S3Read<PublicAccessBlockFlags> bucket)
    {
        var accountIgnore = Flag(account, f => f.IgnorePublicAcls);
        var bucketIgnore = Flag(bucket, f => f.IgnorePublicAcls);
        var accountRestrict = Flag(account, f => f.RestrictPublicBuckets);
        var bucketRestrict = Flag(bucket, f => f.RestrictPublicBuckets);
        return new EffectiveBlock(
            Kleene.Or(accountIgnore, bucketIgnore),
            Kleene.Or(accountRestrict, bucketRestrict),
            Level("IgnorePublicAcls", accountIgnore, bucketIgnore),
            Level("RestrictPublicBuckets", accountRestrict, bucketRestrict));
    }

    private static bool? Flag(S3Read<PublicAccessBlockFlags> read, Func<PublicAccessBlockFlags, bool> flag) =>
        read.Status switch
        {
            ReadStatus.Present => flag(read.Value ?? PublicAccessBlockFlags.None),
            ReadStatus.Absent => false,
            _ => null,
        };

    private static string Level(string setting, bool? account, bool? bucket) => (account, bucket) switch
    {
        (true, true) => $"{setting} (account and bucket level)",
        (true, _) => $"{setting} (account level)",
        (_, true) => $"{setting} (bucket level)",
        _ => setting,
    };
}
