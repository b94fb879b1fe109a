using System.Text.RegularExpressions;

namespace AgentWorkflows.Worker.Configuration;

/// <summary>
/// Rewords the problems the options validators report in the terms the user set them in: the validators
/// name the documented variable (or none), but a user who wrote <c>Temporal__Address</c> or
/// <c>S3Audit__MaxConcurrency</c> must find that name in the message, and a duration written <c>0s</c>
/// must be shown as <c>0s</c>, not as the <c>00:00:00</c> it was turned into.
/// </summary>
public static partial class SettingProblems
{
    /// <summary>Each of <paramref name="problems"/>, naming the variable the user set for its setting.</summary>
    public static IReadOnlyList<string> InUserTerms(
        IReadOnlyDictionary<string, string?> environment, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Select(problem => Reword(environment, problem)).ToList();
    }

    private static string Reword(IReadOnlyDictionary<string, string?> environment, string problem)
    {
        var match = Leading().Match(problem);
        if (!match.Success)
        {
            return problem;
        }

        var key = match.Groups["key"].Value;
        var variable = EnvironmentSettings.VariableFor(environment, key);
        if (environment.GetValueOrDefault(variable) is not { Length: > 0 } raw)
        {
            return problem;
        }

        var value = match.Groups["value"].Value;
        if (ConfigurationCheck.DurationKeys.Contains(key) && !value.StartsWith('\''))
        {
            value = $"'{raw}'";
        }

        var rest = match.Groups["rest"].Value;
        if (rest.Contains($"({variable})", StringComparison.Ordinal))
        {
            return $"{key} {value}{rest}";
        }

        var named = Named().Match(rest);
        return named.Success && named.Index == 0
            ? $"{key} {value} ({variable}){rest[named.Length..]}"
            : $"{key} {value} ({variable}){rest}";
    }

    [GeneratedRegex(
        @"^(?<key>(?:Temporal|Aws|S3Audit|Reports):[A-Za-z0-9]+) " +
        @"(?<value>'[^'(]*\([^)]*\)'|'[^']*'|[^\s('][^\s]*)(?<rest>.*)\z",
        RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Leading();

    // The validators' own "(DOCUMENTED_NAME)" or "(A or B)" right after the value.
    [GeneratedRegex(
        @"^ \((?:[A-Z][A-Z0-9_]*(?: or [A-Z][A-Z0-9_]*)*|[A-Za-z0-9]+__[A-Za-z0-9_]+)\)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Named();
}
