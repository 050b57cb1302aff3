namespace Switchyard.Runtime.Routing;

/// <summary>
/// An endpoint's traffic policy as ranges of the 32-bit key-hash space, each owned by one backend, with each
/// backend's share equal to its weight. A request's point (the stable hash of its shard key, or a random number)
/// falls in exactly one range. The table is part of the persisted endpoint state, so the mapping is the same on
/// every node and across restarts, and <see cref="Rebalance"/> moves only as much of the space as the weights
/// moved: ranges leave only backends whose weight fell, and go only to backends whose weight rose. Immutable;
/// its wire and stored shape is <see cref="TrafficTableSurrogate"/>.
/// </summary>
internal sealed class TrafficTable
{
    /// <summary>The size of the hash space.</summary>
    public const ulong Space = 1UL << 32;

    public TrafficTable(uint[] starts, string[] owners)
    {
        Starts = starts;
        Owners = owners;
    }

    /// <summary>Range starts, ascending; the first is 0 and range i ends where range i+1 starts (the last at 2^32).</summary>
    public uint[] Starts { get; }

    /// <summary>The backend owning each range.</summary>
    public string[] Owners { get; }

    public int RangeCount => Starts.Length;

    /// <summary>The backend that owns <paramref name="point"/>.</summary>
    public string Lookup(uint point) => Owners[IndexOf(point)];

    /// <summary>The index of the range holding <paramref name="point"/>.</summary>
    public int IndexOf(uint point)
    {
        var i = Array.BinarySearch(Starts, point);
        return i >= 0 ? i : ~i - 1;
    }

    /// <summary>How many points of the space each backend owns.</summary>
    public Dictionary<string, ulong> Shares()
    {
        var shares = new Dictionary<string, ulong>(StringComparer.Ordinal);
        for (var i = 0; i < Starts.Length; i++)
        {
            shares[Owners[i]] = shares.GetValueOrDefault(Owners[i]) + Length(i);
        }

        return shares;
    }

    /// <summary>A fresh table: backends in name order, one range each.</summary>
    public static TrafficTable Create(IReadOnlyDictionary<string, double> weights)
    {
        var quotas = Quotas(weights);
        var starts = new List<uint>();
        var owners = new List<string>();
        ulong at = 0;
        foreach (var (backend, quota) in quotas.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            if (quota == 0)
            {
                continue;
            }

            starts.Add((uint)at);
            owners.Add(backend);
            at += quota;
        }

        return new TrafficTable([.. starts], [.. owners]);
    }

    /// <summary>A table for <paramref name="weights"/> that keeps every point whose backend need not change.</summary>
    public TrafficTable Rebalance(IReadOnlyDictionary<string, double> weights)
    {
        var targets = Quotas(weights);
        var current = Shares();

        // Each backend that must shrink gives up its smallest ranges whole first (fewer fragments), then trims
        // the end of the next one.
        var excess = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (backend, share) in current)
        {
            var target = targets.GetValueOrDefault(backend);
            if (share > target)
            {
                excess[backend] = share - target;
            }
        }

        var kept = new List<Segment>(Starts.Length + 4);
        var freed = new List<Segment>();
        var byOwner = Enumerable.Range(0, Starts.Length)
            .Select(i => new Segment(Starts[i], Length(i), Owners[i]))
            .GroupBy(s => s.Owner, StringComparer.Ordinal);
        foreach (var group in byOwner)
        {
            var toFree = excess.GetValueOrDefault(group.Key);
            foreach (var segment in group.OrderBy(s => s.Length).ThenBy(s => s.Start))
            {
                if (toFree == 0)
                {
                    kept.Add(segment);
                }
                else if (segment.Length <= toFree)
                {
                    freed.Add(segment);
                    toFree -= segment.Length;
                }
                else
                {
                    var keep = segment.Length - toFree;
                    kept.Add(segment with { Length = keep });
                    freed.Add(new Segment(segment.Start + keep, toFree, segment.Owner));
                    toFree = 0;
                }
            }
        }

        // Backends that must grow take the freed space in address order.
        var gainers = targets
            .Where(t => t.Value > current.GetValueOrDefault(t.Key))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (Backend: t.Key, Need: t.Value - current.GetValueOrDefault(t.Key)))
            .ToList();
        var g = 0;
        foreach (var segment in freed.OrderBy(s => s.Start))
        {
            var start = segment.Start;
            var left = segment.Length;
            while (left > 0)
            {
                var (backend, need) = gainers[g];
                var take = Math.Min(need, left);
                kept.Add(new Segment(start, take, backend));
                start += take;
                left -= take;
                gainers[g] = (backend, need - take);
                if (need == take)
                {
                    g++;
                }
            }
        }

        return FromSegments(kept);
    }

    private ulong Length(int i) => (i + 1 < Starts.Length ? Starts[i + 1] : Space) - Starts[i];

    private static TrafficTable FromSegments(List<Segment> segments)
    {
        var starts = new List<uint>(segments.Count);
        var owners = new List<string>(segments.Count);
        foreach (var segment in segments.Where(s => s.Length > 0).OrderBy(s => s.Start))
        {
            if (owners.Count > 0 && owners[^1] == segment.Owner)
            {
                continue; // adjacent ranges of one backend merge
            }

            starts.Add((uint)segment.Start);
            owners.Add(segment.Owner);
        }

        return new TrafficTable([.. starts], [.. owners]);
    }

    /// <summary>Whole points per backend, summing exactly to <see cref="Space"/> (largest remainder, ties by name).</summary>
    internal static Dictionary<string, ulong> Quotas(IReadOnlyDictionary<string, double> weights)
    {
        var sum = weights.Values.Sum();
        var quotas = new Dictionary<string, ulong>(StringComparer.Ordinal);
        var remainders = new List<(string Backend, double Remainder)>();
        ulong assigned = 0;
        foreach (var (backend, weight) in weights)
        {
            var exact = weight / sum * Space;
            var whole = (ulong)Math.Floor(exact);
            quotas[backend] = whole;
            assigned += whole;
            if (weight > 0)
            {
                remainders.Add((backend, exact - whole));
            }
        }

        foreach (var (backend, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Backend, StringComparer.Ordinal))
        {
            if (assigned >= Space)
            {
                break;
            }

            quotas[backend]++;
            assigned++;
        }

        return quotas;
    }

    private readonly record struct Segment(ulong Start, ulong Length, string Owner);
}
