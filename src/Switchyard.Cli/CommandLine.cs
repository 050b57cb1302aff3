namespace Switchyard.Cli;

/// <summary>
/// The parsed command line: a command, its positional arguments and its <c>--name value</c> options
/// (repeatable ones keep every value). Unknown options are errors, named in one readable line.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    public string Command { get; }

    public List<string> Arguments { get; } = [];

    public static CommandLine Parse(string[] args, IReadOnlyDictionary<string, string[]> knownOptions)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            return new CommandLine("help");
        }

        var line = new CommandLine(args[0]);
        if (!knownOptions.TryGetValue(args[0], out var known))
        {
            throw new CommandLineException($"unknown command '{args[0]}' (commands: {string.Join(", ", knownOptions.Keys)})");
        }

        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line.Arguments.Add(arg);
                continue;
            }

            string name, value;
            var eq = arg.IndexOf('=');
            if (eq > 0)
            {
                name = arg[..eq];
                value = arg[(eq + 1)..];
            }
            else
            {
                name = arg;
                if (name == "--help")
                {
                    return new CommandLine("help");
                }

                if (i + 1 >= args.Length)
                {
                    throw new CommandLineException($"option {name} needs a value");
                }

                value = args[++i];
            }

            if (Array.IndexOf(known, name) < 0)
            {
                throw new CommandLineException($"unknown option {name} for '{args[0]}' (known: {string.Join(" ", known)})");
            }

            if (!line._options.TryGetValue(name, out var values))
            {
                line._options[name] = values = [];
            }

            values.Add(value);
        }

        return line;
    }

    public string? Get(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> GetAll(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public int? GetInt(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new CommandLineException($"option {name} must be a whole number (got '{value}')");
    }

    public double? GetDouble(string name)
    {
        var value = Get(name);
        if (value is null)
        {
            return null;
        }

        return double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
            ? n
            : throw new CommandLineException($"option {name} must be a number (got '{value}')");
    }
}
