using System.CommandLine;
using Switchyard.Runtime.Hosting;

namespace Switchyard.Cli;

/// <summary>
/// Where the admin token comes from, for <c>start</c> and for the client commands: <c>--admin-token</c>, then
/// <c>--admin-token-file</c>, then the environment variable <c>SWITCHYARD_ADMIN_TOKEN</c>. A token given on the
/// command line shows in the process list; the file and the variable do not.
/// </summary>
internal sealed class AdminTokenOptions
{
    public const string EnvironmentVariable = "SWITCHYARD_ADMIN_TOKEN";

    private const string Precedence = "Precedence: --admin-token, then --admin-token-file, then $" + EnvironmentVariable + ".";

    public Option<string> Token { get; } = OptionParsers.Text(
        "--admin-token", "TOKEN", "Admin API bearer token. " + Precedence + " A token given here shows in the process list.");

    public Option<string> TokenFile { get; } = OptionParsers.Text(
        "--admin-token-file", "FILE", "File whose first line is the admin token.");

    /// <summary>Sets the node's token settings by the precedence above (the node reads the file at start).</summary>
    public void ApplyTo(ParseResult result, SwitchyardNodeOptions options) =>
        (options.AdminToken, options.AdminTokenFile) =
            Choose(result.GetValue(Token), result.GetValue(TokenFile), Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The one source in force: the flag's token, else the file, else the environment's token (refused when only white space).</summary>
    public static (string? Token, string? File) Choose(string? flag, string? file, string? environment) =>
        (NonEmpty(flag), NonEmpty(file)) switch
        {
            ({ } token, _) => (token, null),
            (null, { } path) => (null, path),
            _ when string.IsNullOrWhiteSpace(environment) && !string.IsNullOrEmpty(environment) =>
                throw new CommandLineException($"${EnvironmentVariable} is only white space; a token must have other characters"),
            _ => (NonEmpty(environment), null),
        };

    /// <summary>The token a client sends, by the precedence above; null for none.</summary>
    public string? Resolve(ParseResult result)
    {
        var options = new SwitchyardNodeOptions();
        ApplyTo(result, options);
        var token = SwitchyardNodeOptionsValidator.EffectiveToken(options, out var problem);
        return problem is null ? token : throw new CommandLineException(FlagNames.Replace(problem));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
