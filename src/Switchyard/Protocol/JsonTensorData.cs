using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// Reads tensor data written as JSON: a scalar, or arrays of scalars, flat or nested, row-major, in one pass that
/// converts each element to the datatype and notes the nesting's shape. The data array starts at the size the
/// caller expects (already checked against the bytes it has) or small, and grows by doubling, never past
/// <c>maxCount</c>: nothing is allocated that the body does not hold.
/// </summary>
internal static partial class JsonTensorData
{
    private const int InitialCapacity = 64;

    /// <summary>What a read found: the element count, and the nesting's shape when every level is regular.</summary>
    internal readonly record struct Scan(long Count, long[]? NestedShape);

    /// <summary>
    /// Reads the JSON value at <paramref name="reader"/> (advancing past it) into an array of <paramref name="type"/>'s
    /// elements, exactly as long as the value. <paramref name="expected"/> (or -1) sizes the array up front; more
    /// than <paramref name="maxCount"/> elements is an error, and so is any element that is not of the datatype.
    /// </summary>
    public static string? TryRead(ref Utf8JsonReader reader, TensorDataType type, long expected, long maxCount, string what, out Array data, out Scan scan)
    {
        data = Array.Empty<byte>();
        scan = default;
        if (reader.TokenType is JsonTokenType.StartObject)
        {
            return $"{what} is a JSON object; data is a JSON array (flat or nested) of values";
        }

        var buffer = TensorDataTypes.Allocate(type, (int)Math.Min(expected >= 0 ? expected : InitialCapacity, maxCount));
        Span<long> counts = stackalloc long[OipLimits.MaxRank + 1];
        Span<long> lengths = stackalloc long[OipLimits.MaxRank + 1];
        lengths.Fill(-1);
        var level = 0;
        var leafDepth = -1;
        var regular = true;
        var count = 0;
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
                    regular &= lengths[level] < 0 || lengths[level] == counts[level];
                    lengths[level] = counts[level];
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
                    if (count >= maxCount)
                    {
                        return $"{what} holds more elements than its shape allows ({maxCount})";
                    }

                    if (count == buffer.Length)
                    {
                        buffer = Resize(buffer, type, (int)Math.Min((long)buffer.Length * 2, maxCount));
                    }

                    if (TryReadElement(ref reader, type, buffer, count) is { } problem)
                    {
                        return $"{what}: element {count} {problem}";
                    }

                    if (level > 0)
                    {
                        counts[level - 1]++;
                    }

                    count++;
                    regular &= leafDepth < 0 || leafDepth == level;
                    leafDepth = leafDepth < 0 ? level : leafDepth;
                    break;
            }
        }
        while (level > 0 && reader.Read());

        data = count == buffer.Length ? buffer : Resize(buffer, type, count);
        scan = new Scan(count, regular ? lengths[..leafDepth].ToArray() : null);
        return null;
    }

    private static Array Resize(Array buffer, TensorDataType type, int length)
    {
        var resized = TensorDataTypes.Allocate(type, length);
        Array.Copy(buffer, resized, Math.Min(buffer.Length, length));
        return resized;
    }
}
