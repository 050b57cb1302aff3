using System.Globalization;

namespace Switchyard.Protocol;

/// <summary>Shape arithmetic that cannot overflow.</summary>
internal static class Shapes
{
    /// <summary>
    /// The product of the dimensions, or -1 when one is negative or the product of those that are not 0 exceeds
    /// <see cref="OipLimits.MaxElements"/>. A 0 makes the tensor empty but does not excuse the others: unchecked,
    /// <c>[1000000, 0]</c> would pass as empty and then ask a model for a million rows of output.
    /// </summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        var empty = false;
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return -1;
            }

            if (dim == 0)
            {
                empty = true;
                continue;
            }

            // Checked against the limit before multiplying, so the product never overflows.
            if (count > OipLimits.MaxElements / dim)
            {
                return -1;
            }

            count *= dim;
        }

        return empty ? 0 : count;
    }

    public static string Format(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (var i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    public static string Format(IReadOnlyList<long> shape) => Format(shape is long[] array ? array : shape.ToArray());
}
