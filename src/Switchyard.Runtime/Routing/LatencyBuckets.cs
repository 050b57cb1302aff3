using System.Numerics;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// The buckets of the latency histograms that lanes keep and the controller merges: microseconds on a log scale with
/// eight sub-buckets per power of two (every bucket within 12.5% of its value), from 0 to about 70 minutes, so a
/// request is counted with one bit scan and one increment, and any quantile comes back within a few percent.
/// </summary>
internal static class LatencyBuckets
{
    private const int SubBits = 3;
    private const int Sub = 1 << SubBits;
    private const int MaxExponent = 31;

    /// <summary>How many buckets there are.</summary>
    public const int Count = Sub + (MaxExponent - SubBits + 1) * Sub;

    /// <summary>The bucket of a latency.</summary>
    public static int Index(TimeSpan latency) => Index(latency.Ticks / TimeSpan.TicksPerMicrosecond);

    /// <summary>The bucket of a latency in microseconds (negative counts as 0, beyond the last bucket as the last).</summary>
    public static int Index(long micros)
    {
        if (micros < Sub)
        {
            return micros <= 0 ? 0 : (int)micros;
        }

        var exponent = BitOperations.Log2((ulong)micros);
        if (exponent > MaxExponent)
        {
            return Count - 1;
        }

        var sub = (int)(micros >> (exponent - SubBits)) & (Sub - 1);
        return Sub + (exponent - SubBits) * Sub + sub;
    }

    /// <summary>The smallest latency (µs) in bucket <paramref name="index"/>.</summary>
    public static double Lower(int index)
    {
        if (index < Sub)
        {
            return index;
        }

        var exponent = (index - Sub) / Sub + SubBits;
        var sub = (index - Sub) % Sub;
        return (double)(Sub + sub) * (1L << (exponent - SubBits));
    }

    /// <summary>Where bucket <paramref name="index"/> ends (µs): the next one's start.</summary>
    public static double Upper(int index) => index + 1 < Count ? Lower(index + 1) : Lower(index) * (Sub + 1) / Sub;

    /// <summary>
    /// The <paramref name="quantile"/> of the latencies counted in <paramref name="counts"/> (one count per bucket),
    /// in milliseconds, interpolated within its bucket; null when nothing was counted.
    /// </summary>
    public static double? QuantileMs(IReadOnlyList<long> counts, double quantile)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0)
            {
                continue;
            }

            if (seen + counts[i] >= rank)
            {
                var within = (rank - seen) / counts[i];
                return (Lower(i) + (Upper(i) - Lower(i)) * within) / 1000;
            }

            seen += counts[i];
        }

        return Upper(counts.Count - 1) / 1000;
    }
}
