using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;

namespace Switchyard.Cli;

/// <summary>
/// Typed options whose bad values are reported as one line naming the option and the value given. A single-value
/// option given twice takes the last value (so a script can override what it was handed).
/// </summary>
internal static class OptionParsers
{
    /// <summary>Each occurrence takes one value; repeats are allowed and the parsers below keep the last.</summary>
    private static readonly ArgumentArity Repeatable = ArgumentArity.OneOrMore;

    public static Option<string> Text(string name, string helpName, string description, string? defaultValue = null)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = helpName,
            Arity = Repeatable,
            CustomParser = result => result.Tokens[^1].Value,
        };
        if (defaultValue is not null)
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    public static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = description,
        Arity = Repeatable,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse<int>(result, name, "a whole number", WholeNumber),
    };

    public static Option<int?> OptionalInt(string name, string description) => new(name)
    {
        Description = description,
        Arity = Repeatable,
        HelpName = "N",
        CustomParser = result => Parse<int>(result, name, "a whole number", WholeNumber),
    };

    public static Option<double> Double(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        Arity = Repeatable,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse<double>(result, name, "a number",
            (string text, out double n) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out n) && double.IsFinite(n)),
    };

    public static Option<Uri?> HttpUrl(string name, string helpName, string description) => new(name)
    {
        Description = description,
        Arity = Repeatable,
        HelpName = helpName,
        CustomParser = result => Parse<Uri?>(result, name, "an http(s) URL",
            (string text, out Uri? uri) => Uri.TryCreate(text, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https"),
    };

    /// <summary>A repeatable option whose values may also be comma-separated (<c>--x a,b --x c</c> is a, b, c).</summary>
    public static Option<List<string>> List(string name, string helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => [],
        CustomParser = result => result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList(),
    };

    public static Option<Dictionary<string, double>> Resources(string name, string description) => new(name)
    {
        Description = description,
        Arity = Repeatable,
        HelpName = "JSON",
        DefaultValueFactory = _ => new(StringComparer.Ordinal),
        CustomParser = result =>
        {
            var text = result.Tokens[^1].Value;
            try
            {
                if (JsonSerializer.Deserialize<Dictionary<string, double>>(text) is { } resources)
                {
                    return new Dictionary<string, double>(resources, StringComparer.Ordinal);
                }
            }
            catch (JsonException)
            {
            }

            result.AddError($"option {name} must be a JSON object of name to amount, like '{{\"accelerator_a\": 2}}' (got '{text}')");
            return [];
        },
    };

    /// <summary>One of an enum's names, in lower case; absent means the enum's default.</summary>
    public static Option<T> Choice<T>(string name, string description)
        where T : struct, Enum
    {
        var names = Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray();
        return new Option<T>(name)
        {
            Description = description,
            Arity = Repeatable,
            HelpName = string.Join('|', names),
            CustomParser = result => Parse<T>(result, name, string.Join(" or ", names),
                (string text, out T value) => Enum.TryParse(text, ignoreCase: true, out value) && names.Contains(text, StringComparer.OrdinalIgnoreCase)),
        };
    }

    private static bool WholeNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private delegate bool TryParser<T>(string text, out T value);

    private static T? Parse<T>(ArgumentResult result, string name, string expected, TryParser<T> parse)
    {
        var text = result.Tokens[^1].Value;
        if (parse(text, out var value))
        {
            return value;
        }

        result.AddError($"option {name} must be {expected} (got '{text}')");
        return default;
    }
}
