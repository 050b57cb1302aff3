using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// Reads tensor data written as JSON: a scalar, or arrays of scalars, flat or nested, row-major. A first pass
/// (<see cref="TryScan"/>, on a copy of the reader) counts the elements and finds the nesting's shape without
/// allocating; only then is the data array allocated, at its exact size, and filled (<see cref="TryFill"/>).
/// </summary>
internal static partial class JsonTensorData
{
    /// <summary>What a scan found: the element count, and the nesting's shape when every level is regular.</summary>
    internal readonly record struct Scan(long Count, long[]? NestedShape);

    /// <summary>
    /// Counts the elements of the JSON value at <paramref name="reader"/> (which is not advanced: it is a copy).
    /// Stops with an error as soon as the count passes <paramref name="maxCount"/>.
    /// </summary>
    public static string? TryScan(Utf8JsonReader reader, long maxCount, string what, out Scan scan)
    {
        scan = default;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.PropertyName)
        {
            return $"{what} is a JSON object; data is a JSON array (flat or nested) of values";
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            scan = new Scan(1, []);
            return maxCount < 1 ? $"{what} holds 1 element, more than its shape allows ({maxCount})" : null;
        }

        Span<long> counts = stackalloc long[OipLimits.MaxRank + 1];
        Span<long> expected = stackalloc long[OipLimits.MaxRank + 1];
        expected.Fill(-1);
        var level = 0;
        var leafDepth = -1;
        var regular = true;
        long leaves = 0;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    if (level == OipLimits.MaxRank)
                    {
                        return $"{what} is nested deeper than {OipLimits.MaxRank} levels";
                    }

                    if (level > 0)
                    {
                        counts[level - 1]++;
                    }

                    counts[level++] = 0;
                    break;
                case JsonTokenType.EndArray:
                    level--;
                    if (expected[level] < 0)
                    {
                        expected[level] = counts[level];
                    }
                    else if (expected[level] != counts[level])
                    {
                        regular = false;
                    }

                    if (counts[level] == 0)
                    {
                        // An empty array says its elements would sit one level further in.
                        regular &= leafDepth < 0 || leafDepth == level + 1;
                        leafDepth = level + 1;
                    }

                    break;
                case JsonTokenType.StartObject:
                    return $"{what} holds a JSON object; data elements are numbers, booleans or strings";
                default:
                    counts[level - 1]++;
                    if (++leaves > maxCount)
                    {
                        return $"{what} holds more elements than its shape allows ({maxCount})";
                    }

                    regular &= leafDepth < 0 || leafDepth == level;
                    leafDepth = leafDepth < 0 ? level : leafDepth;
                    break;
            }
        }
        while (level > 0 && reader.Read());

        scan = new Scan(leaves, regular ? expected[..leafDepth].ToArray() : null);
        return null;
    }

    /// <summary>Reads every element of the JSON value at <paramref name="reader"/> into <paramref name="data"/> (sized by a scan), advancing past the value.</summary>
    public static string? TryFill(ref Utf8JsonReader reader, TensorDataType type, Array data, string what)
    {
        var index = 0;
        var level = 0;
        do
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    level++;
                    break;
                case JsonTokenType.EndArray:
                    level--;
                    break;
                default:
                    if (index >= data.Length)
                    {
                        return $"{what} holds more than {data.Length} elements";
                    }

                    if (TryReadElement(ref reader, type, data, index) is { } problem)
                    {
                        return $"{what}: element {index} {problem}";
                    }

                    index++;
                    break;
            }
        }
        while (level > 0 && reader.Read());

        return index == data.Length ? null : $"{what} holds {index} elements, not {data.Length}";
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
