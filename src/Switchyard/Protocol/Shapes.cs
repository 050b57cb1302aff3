using System.Globalization;

namespace Switchyard.Protocol;

/// <summary>Shape arithmetic that cannot overflow.</summary>
internal static class Shapes
{
    /// <summary>The product of the dimensions, or -1 when one is negative or the product exceeds <see cref="OipLimits.MaxElements"/>.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        var empty = false;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                return -1;
            }

            empty |= dim == 0;
        }

        if (empty)
        {
            return 0;
        }

        long count = 1;
        foreach (var dim in shape)
        {
            // Checked against the limit before multiplying, so the product never overflows.
            if (count > OipLimits.MaxElements / dim)
            {
                return -1;
            }

            count *= dim;
        }

        return count;
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
