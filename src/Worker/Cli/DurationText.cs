using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentWorkflows.Worker.Cli;

/// <summary>
/// Durations as the command line writes them: whole hours, minutes and seconds with their units, in
/// that order, for example <c>15m</c>, <c>900s</c>, <c>1h</c> or <c>1h30m</c>. A bare number is refused:
/// nobody should have to guess the unit.
/// </summary>
public static partial class DurationText
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the value and rule.</summary>
    public static bool TryParse(string text, out TimeSpan duration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            error = $"duration '{text}' is not whole hours, minutes or seconds with a unit (h, m, s), " +
                "for example 15m, 900s or 1h.";
            return false;
        }

        long seconds = 0;
        try
        {
            seconds = checked(Part(match, "h") * 3600 + Part(match, "m") * 60 + Part(match, "s"));
        }
        catch (OverflowException)
        {
            seconds = long.MaxValue;
        }

        if (seconds <= 0)
        {
            error = $"duration '{text}' must be above zero.";
            return false;
        }

        if (seconds > int.MaxValue)
        {
            error = $"duration '{text}' is too large; it must be at most {int.MaxValue} seconds.";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses a duration setting: the units form (<c>20s</c>, <c>1m30s</c>, zero allowed so that the
    /// setting's own rule can say "above zero") or <c>hh:mm:ss</c>. A bare number is refused, because .NET
    /// would read <c>20</c> as twenty days.
    /// </summary>
    public static bool TryParseSetting(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration) &&
                duration >= TimeSpan.Zero;
        }

        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        try
        {
            duration = TimeSpan.FromSeconds(
                checked(Part(match, "h") * 3600 + Part(match, "m") * 60 + Part(match, "s")));
            return true;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static long Part(Match match, string group) =>
        match.Groups[group].Success
            ? long.Parse(match.Groups[group].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;

    [GeneratedRegex(
        @"^(?:(?<h>[0-9]{1,30})h)?(?:(?<m>[0-9]{1,30})m)?(?:(?<s>[0-9]{1,30})s)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
