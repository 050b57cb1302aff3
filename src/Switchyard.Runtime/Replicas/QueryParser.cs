namespace Switchyard.Runtime.Replicas;

/// <summary>Parses a raw query string into name → value (the last value wins where a name repeats).</summary>
internal static class QueryParser
{
    public static IReadOnlyDictionary<string, string>? Parse(string? query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var name = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            result[name] = value;
        }

        return result;
    }
}
