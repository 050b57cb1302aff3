using System.Globalization;
using System.Text.Json;

namespace Switchyard.Cli;

/// <summary>Lenient reads of a status body: a missing or differently typed field reads as absent.</summary>
internal static class StatusJson
{
    public static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static double? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;

    public static List<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];

    public static List<KeyValuePair<string, JsonElement>> Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? [.. value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value))]
            : [];

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
