using System.Globalization;
using Spectre.Console;

namespace Switchyard.Cli;

/// <summary>Spectre consoles over the command's output: colours and live redraws only when it is a terminal.</summary>
internal static class Consoles
{
    /// <summary>Width of tables written to a file or a pipe, where the terminal's width means nothing.</summary>
    private const int RedirectedWidth = 160;

    public static IAnsiConsole Create(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns > 0
                ? columns
                : RedirectedWidth;
        }

        return console;
    }
}
