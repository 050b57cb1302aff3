using System.CommandLine;
using System.CommandLine.Help;

namespace Switchyard.Cli;

/// <summary>
/// Runs <c>switchyard start|deploy|status</c>. A bad option or value exits 2 with one line naming it; a command that
/// fails exits non-zero with one line on stderr.
/// </summary>
internal static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("switchyard — model serving for .NET") { StartCommand.Create(), DeployCommand.Create(), StatusCommand.Create() };
        root.SetAction(result => new HelpAction().Invoke(result));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var result = CreateRoot().Parse(args);
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            await error.WriteLineAsync($"switchyard: {ParseErrors.Describe(result)}");
            return 2;
        }

        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,

            // The node stops gracefully on SIGTERM and Ctrl+C by itself; the parser must not end the process first.
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await result.InvokeAsync(invocation, cancellationToken);
        }
        catch (CommandLineException ex)
        {
            await error.WriteLineAsync($"switchyard: {ex.Message}");
            return 2;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"switchyard: {Describe(ex)}");
            return 1;
        }
    }

    internal static string Describe(Exception ex)
    {
        while (ex.InnerException is not null && ex is AggregateException or System.Reflection.TargetInvocationException)
        {
            ex = ex.InnerException;
        }

        return FlagNames.Replace(ex.Message.ReplaceLineEndings(" "));
    }
}
