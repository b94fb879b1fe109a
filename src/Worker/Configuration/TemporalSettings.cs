using AgentWorkflows.Worker.Hosting;
using Microsoft.Extensions.Configuration;

namespace AgentWorkflows.Worker.Configuration;

/// <summary>
/// Reads <see cref="TemporalOptions"/> straight from the environment, for the command line, which must
/// know where Temporal is before it can build a host.
/// </summary>
public static class TemporalSettings
{
    /// <summary>
    /// The options, or the reasons they are unusable (each names the value and the rule). A value of any
    /// section that cannot be read at all (<see cref="ConfigurationCheck.FormProblems"/>) also makes them
    /// unusable: nothing should start before every setting can be read.
    /// </summary>
    public static (TemporalOptions? Options, IReadOnlyList<string> Errors) Read(
        IReadOnlyDictionary<string, string?> environment)
    {
        var form = ConfigurationCheck.FormProblems(environment);
        if (form.Count > 0)
        {
            return (null, form);
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(EnvironmentSettings.ToConfiguration(environment))
            .Build();
        var options = new TemporalOptions();
        try
        {
            configuration.GetSection(TemporalOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException)
        {
            return (null, [WorkerHost.UnreadableSetting]);
        }

        var errors = SettingProblems.InUserTerms(environment, TemporalOptionsValidator.Check(options));
        return errors.Count == 0 ? (options, errors) : (null, errors);
    }
}
