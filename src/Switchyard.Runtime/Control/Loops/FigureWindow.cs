using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// The live figures every node reported over the recent past, per backend, as control loops read them: ongoing
/// requests averaged over a look-back (each node's average, summed over nodes) and the requests answered since a
/// moment (counts and the merged latency histogram). Samples are stamped with the controller's clock when they
/// arrive, so nodes' clocks never matter. The controller's shell adds and prunes; loops only read. Pure logic.
/// </summary>
internal sealed class FigureWindow
{
    private readonly Dictionary<string, List<Entry>> _byBackend = new(StringComparer.Ordinal);

    /// <summary>Adds what <paramref name="node"/> reported at <paramref name="at"/> for one interval of length <paramref name="interval"/>.</summary>
    public void Add(string node, DateTimeOffset at, TimeSpan interval, FigureSample sample)
    {
        if (!_byBackend.TryGetValue(sample.Backend, out var entries))
        {
            _byBackend[sample.Backend] = entries = [];
        }

        entries.Add(new Entry(node, at, interval, sample));
    }

    /// <summary>Forgets samples that arrived before <paramref name="before"/>, and backends left without any.</summary>
    public void Prune(DateTimeOffset before)
    {
        foreach (var (backend, entries) in _byBackend.ToList())
        {
            entries.RemoveAll(e => e.At < before);
            if (entries.Count == 0)
            {
                _byBackend.Remove(backend);
            }
        }
    }

    /// <summary>
    /// Ongoing requests of <paramref name="backend"/>: each node's samples since <paramref name="since"/> averaged, then
    /// summed over nodes. A node with none in the window counts with its latest sample while that is fresh (a
    /// look-back shorter than the node's interval); null when no node has a sample to count.
    /// </summary>
    public double? Ongoing(string backend, DateTimeOffset since, DateTimeOffset now)
    {
        if (!_byBackend.TryGetValue(backend, out var entries))
        {
            return null;
        }

        double? total = null;
        foreach (var node in entries.GroupBy(e => e.Node, StringComparer.Ordinal))
        {
            var recent = node.Where(e => e.At > since).ToList();
            if (recent.Count > 0)
            {
                total = (total ?? 0) + recent.Average(e => e.Sample.OngoingRequests);
            }
            else if (node.MaxBy(e => e.At) is { } latest && latest.At >= now - (2 * latest.Interval))
            {
                total = (total ?? 0) + latest.Sample.OngoingRequests;
            }
        }

        return total;
    }

    /// <summary>The requests <paramref name="backend"/> answered in samples that arrived after <paramref name="since"/>, over every node.</summary>
    public StepFigures Answered(string backend, DateTimeOffset since)
    {
        var (requests, errors, latency) = Merged(backend, since);
        return requests == 0 ? new StepFigures(0, errors, null) : new StepFigures(requests, errors, LatencyBuckets.QuantileMs(latency, 0.99));
    }

    /// <summary>
    /// What <paramref name="backend"/> answered over the <paramref name="window"/> before <paramref name="now"/>, over
    /// every node: requests per second, the share of 5xx, p50 and p99; null when no node reported for it then.
    /// </summary>
    public LiveFigures? Live(string backend, DateTimeOffset now, TimeSpan window)
    {
        if (!_byBackend.TryGetValue(backend, out var entries) || !entries.Any(e => e.At > now - window))
        {
            return null;
        }

        var (requests, errors, latency) = Merged(backend, now - window);
        return new LiveFigures(
            requests / window.TotalSeconds,
            requests == 0 ? null : (double)errors / requests,
            LatencyBuckets.QuantileMs(latency, 0.5),
            LatencyBuckets.QuantileMs(latency, 0.99));
    }

    private (long Requests, long Errors, long[] Latency) Merged(string backend, DateTimeOffset since)
    {
        long requests = 0, errors = 0;
        var latency = new long[LatencyBuckets.Count];
        if (!_byBackend.TryGetValue(backend, out var entries))
        {
            return (0, 0, latency);
        }

        foreach (var entry in entries.Where(e => e.At > since))
        {
            requests += entry.Sample.Requests;
            errors += entry.Sample.Errors;
            foreach (var (bucket, count) in entry.Sample.Latency)
            {
                if ((uint)bucket < (uint)latency.Length)
                {
                    latency[bucket] += count;
                }
            }
        }

        return (requests, errors, latency);
    }

    private sealed record Entry(string Node, DateTimeOffset At, TimeSpan Interval, FigureSample Sample);
}
