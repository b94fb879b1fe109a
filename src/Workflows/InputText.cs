using System.Globalization;
using System.Text;

namespace AgentWorkflows.Workflows;

/// <summary>
/// Shows a caller's value inside an error message so that the reader sees exactly what was sent: quoted,
/// control and invisible characters written as <c>\uXXXX</c> (a trailing newline must not pass for
/// nothing), and very long values cut with their length given.
/// </summary>
internal static class InputText
{
    private const int MaxShown = 120;

    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(missing)";
        }

        var shown = new StringBuilder(Math.Min(value.Length, MaxShown) + 2).Append('\'');
        foreach (var c in value.Length <= MaxShown ? value : value[..MaxShown])
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) is
                    UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        shown.Append('\'');
        return value.Length <= MaxShown
            ? shown.ToString()
            : string.Create(CultureInfo.InvariantCulture, $"{shown}… ({value.Length} characters)");
    }
}
