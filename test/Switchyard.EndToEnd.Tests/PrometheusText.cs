using System.Globalization;
using System.Text.RegularExpressions;

namespace Switchyard.EndToEnd.Tests;

/// <summary>A parsed Prometheus text exposition: samples by name and labels, and each family's type.</summary>
public sealed partial class PrometheusText
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    public PrometheusText(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                _types[parts[2]] = parts[3];
                continue;
            }

            var match = Sample().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" or "Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var number => double.Parse(number, CultureInfo.InvariantCulture),
            };
            _samples.Add((match.Groups["name"].Value, labels, value));
        }
    }

    public string Text { get; init; } = string.Empty;

    public static async Task<PrometheusText> ScrapeAsync(HttpClient admin)
    {
        var text = await admin.GetStringAsync("metrics");
        return new PrometheusText(text) { Text = text };
    }

    public string? TypeOf(string family) => _types.GetValueOrDefault(family);

    /// <summary>Every sample of <paramref name="name"/> whose labels include all of <paramref name="labels"/> (<c>"key=value"</c>).</summary>
    public IReadOnlyList<double> Values(string name, params string[] labels)
    {
        var wanted = labels.Select(l => l.Split('=', 2)).ToArray();
        return _samples
            .Where(s => s.Name == name && wanted.All(w => s.Labels.TryGetValue(w[0], out var v) && v == w[1]))
            .Select(s => s.Value)
            .ToList();
    }

    /// <summary>The one sample of <paramref name="name"/> with those labels; fails naming what is there otherwise.</summary>
    public double Value(string name, params string[] labels)
    {
        var values = Values(name, labels);
        Assert.True(values.Count == 1, $"expected one sample {name}{{{string.Join(",", labels)}}}, found {values.Count}:\n{string.Join("\n", Text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal)))}");
        return values[0];
    }

    /// <summary>The sum of every sample of <paramref name="name"/> with those labels.</summary>
    public double Sum(string name, params string[] labels) => Values(name, labels).Sum();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?Inf|NaN)(\s+\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
