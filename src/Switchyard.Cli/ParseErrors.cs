using System.CommandLine;

namespace Switchyard.Cli;

/// <summary>The one line a command line that does not parse gets: the first problem, in the user's words.</summary>
internal static class ParseErrors
{
    public static string Describe(ParseResult result)
    {
        var command = result.CommandResult.Command;
        var name = command is RootCommand ? "switchyard" : $"switchyard {command.Name}";
        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            if (token.StartsWith('-'))
            {
                return $"unknown option {token} for '{name}' (see '{name} --help')";
            }

            return command is RootCommand
                ? $"unknown command '{token}' (commands: {string.Join(", ", command.Subcommands.Select(c => c.Name))})"
                : $"unexpected argument '{token}' for '{name}' (see '{name} --help')";
        }

        return result.Errors[0].Message;
    }
}
