using System.Text.Json;

namespace Switchyard.Runtime.Specs;

/// <summary>The value readers every spec field goes through: each reports a wrong type with the field's path.</summary>
internal static partial class SpecReader
{
    public static Dictionary<string, double> ReadNumberMap(JsonElement json, string path, Problems problems)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!ExpectObject(json, path, problems, null))
        {
            return map;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (ReadNumber(property.Value, Join(path, property.Name), problems) is { } v)
            {
                map[property.Name] = v;
            }
        }

        return map;
    }

    public static string? ReadString(JsonElement json, string path, Problems problems)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return json.GetString();
        }

        problems.Add(path, $"must be a string, not {Describe(json)}");
        return null;
    }

    public static List<string>? ReadMethods(JsonElement json, string path, Problems problems)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            problems.Add(path, $"must be an array of HTTP methods, not {Describe(json)}");
            return null;
        }

        var methods = new List<string>();
        var i = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (ReadString(item, $"{path}[{i++}]", problems) is { } m)
            {
                methods.Add(m.ToUpperInvariant());
            }
        }

        return methods;
    }

    public static int? ReadInt(JsonElement json, string path, Problems problems)
    {
        if (json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var v))
        {
            return v;
        }

        problems.Add(path, $"must be an integer, not {Describe(json)}");
        return null;
    }

    public static double? ReadNumber(JsonElement json, string path, Problems problems)
    {
        if (json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var v) && double.IsFinite(v))
        {
            return v;
        }

        problems.Add(path, $"must be a number, not {Describe(json)}");
        return null;
    }

    public static bool ExpectObject(JsonElement json, string path, Problems problems, string[]? allowed)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"must be a JSON object, not {Describe(json)}");
            return false;
        }

        if (allowed is not null)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (Array.IndexOf(allowed, property.Name) < 0)
                {
                    problems.Add(Join(path, property.Name), $"is not a known field (known: {string.Join(", ", allowed)})");
                }
            }
        }

        return true;
    }

    public static string Join(string path, string name) => string.IsNullOrEmpty(path) ? name : $"{path}.{name}";

    public static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(json.GetString())}\"",
        JsonValueKind.Number => $"the number {Truncate(json.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {json.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    private static string? Truncate(string? s) => s is { Length: > 40 } ? s[..40] + "…" : s;
}
