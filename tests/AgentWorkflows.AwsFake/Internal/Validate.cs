using System.Globalization;

namespace AgentWorkflows.AwsFake.Internal;

/// <summary>Parameter checks that answer AWS-style ValidationError messages.</summary>
internal static class Validate
{
    public const string NameCharacters = "+=,.@_-";

    public static string Required(IncomingRequest request, string parameter, string member) =>
        request.Parameter(parameter) ?? throw new AwsErrorException(400, "ValidationError",
            $"1 validation error detected: Value null at '{member}' failed to satisfy constraint: " +
            "Member must not be null");

    public static void Length(string value, string member, int min, int max)
    {
        if (value.Length < min)
        {
            throw Failed(value, member, $"Member must have length greater than or equal to {min}");
        }

        if (value.Length > max)
        {
            throw Failed(value, member, $"Member must have length less than or equal to {max}");
        }
    }

    /// <summary>Letters, digits and the given extra characters only.</summary>
    public static void Pattern(string value, string member, string extraCharacters, string patternText)
    {
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || extraCharacters.Contains(c, StringComparison.Ordinal)))
        {
            throw Failed(value, member, $"Member must satisfy regular expression pattern: {patternText}");
        }
    }

    /// <summary>DurationSeconds: 900 to 43200, 3600 when absent.</summary>
    public static TimeSpan Duration(string? text)
    {
        if (text is null)
        {
            return TimeSpan.FromHours(1);
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            throw Failed(text, "durationSeconds", "Member must be an integer");
        }

        if (seconds < 900)
        {
            throw Failed(text, "durationSeconds", "Member must have value greater than or equal to 900");
        }

        if (seconds > 43200)
        {
            throw Failed(text, "durationSeconds", "Member must have value less than or equal to 43200");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    private static AwsErrorException Failed(string value, string member, string constraint) =>
        new(400, "ValidationError",
            $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");
}
