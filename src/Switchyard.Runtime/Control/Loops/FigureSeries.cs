using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// One backend's figures as a ring of one-second points, fixed in size: each node's report is spread over the
/// seconds its interval covered (so a report that lands just after a second's end still counts for that second),
/// and its latencies go to the second in its middle. Latency histograms are kept whole only for the last few seconds,
/// while reports for them may still arrive; then a second keeps its p50 and p99, its histogram is reused, and the
/// latencies of a report later than that are left out of the series (its counts still go in). Pure logic.
/// </summary>
internal sealed class FigureSeries
{
    /// <summary>Points shown: five minutes.</summary>
    public const int Points = 300;

    /// <summary>Seconds whose latency histograms stay open for late reports.</summary>
    public const int OpenSeconds = 8;

    private const int Capacity = Points + 10;
    private const long None = long.MinValue;

    private readonly long[] _second = new long[Capacity];
    private readonly double[] _coverage = new double[Capacity];
    private readonly double[] _requests = new double[Capacity];
    private readonly double[] _errors = new double[Capacity];
    private readonly double[] _batches = new double[Capacity];
    private readonly double[] _batched = new double[Capacity];
    private readonly double[] _queued = new double[Capacity];
    private readonly double[] _ongoing = new double[Capacity];
    private readonly double[] _p50 = new double[Capacity];
    private readonly double[] _p99 = new double[Capacity];
    private readonly long[][] _latency = new long[OpenSeconds][];
    private readonly long[] _latencySecond = new long[OpenSeconds];
    private long _latest = None;

    public FigureSeries()
    {
        Array.Fill(_second, None);
        Array.Fill(_latencySecond, None);
    }

    /// <summary>Adds one node's report that arrived at <paramref name="at"/> and covered the <paramref name="interval"/> before it.</summary>
    public void Add(DateTimeOffset at, TimeSpan interval, FigureSample sample)
    {
        var end = at.ToUnixTimeMilliseconds() / 1000.0;
        var length = Math.Clamp(interval.TotalSeconds, 0.001, Points);
        var start = end - length;
        var last = (long)Math.Floor(end);
        _latest = Math.Max(_latest, last);
        var oldest = _latest - Capacity + 1;
        for (var s = Math.Max((long)Math.Floor(start), oldest); s <= last; s++)
        {
            var overlap = Math.Min(end, s + 1) - Math.Max(start, s);
            if (overlap <= 0)
            {
                continue;
            }

            var i = Slot(s);
            var share = overlap / length;
            _coverage[i] += overlap;
            _requests[i] += sample.Requests * share;
            _errors[i] += sample.Errors * share;
            _batches[i] += sample.Batches * share;
            _batched[i] += sample.BatchedRequests * share;
            _queued[i] += sample.QueuedRequests * overlap;
            _ongoing[i] += sample.OngoingRequests * overlap;
        }

        if (sample.Latency.Count == 0)
        {
            return;
        }

        // A report that comes after its second closed still counts its requests, but that second's quantiles stay.
        var middle = (long)Math.Floor(end - (length / 2));
        if (middle <= _latest - OpenSeconds)
        {
            return;
        }

        Slot(middle);
        var histogram = Histogram(middle);
        foreach (var (bucket, count) in sample.Latency)
        {
            if ((uint)bucket < (uint)histogram.Length)
            {
                histogram[bucket] += count;
            }
        }
    }

    /// <summary>The <see cref="Points"/> seconds up to <paramref name="end"/> (Unix seconds).</summary>
    public SeriesView View(long end)
    {
        var view = new SeriesView(end, new double[Points], new double[Points], new double[Points], new double[Points], new double[Points], new double[Points], new double[Points]);
        for (var p = 0; p < Points; p++)
        {
            var s = end - Points + 1 + p;
            var i = Index(s);
            if (_second[i] != s || _coverage[i] <= 0)
            {
                view.RequestsPerS[p] = view.ErrorRate[p] = view.P50Ms[p] = view.P99Ms[p] = view.BatchSize[p] = view.Queued[p] = view.Ongoing[p] = double.NaN;
                continue;
            }

            var (p50, p99) = Quantiles(s, i);
            view.RequestsPerS[p] = _requests[i];
            view.ErrorRate[p] = _requests[i] > 0 ? _errors[i] / _requests[i] : double.NaN;
            view.P50Ms[p] = p50;
            view.P99Ms[p] = p99;
            view.BatchSize[p] = _batches[i] > 0 ? _batched[i] / _batches[i] : double.NaN;
            view.Queued[p] = _queued[i];
            view.Ongoing[p] = _ongoing[i];
        }

        return view;
    }

    private (double P50, double P99) Quantiles(long second, int index)
    {
        var h = (int)Mod(second, OpenSeconds);
        if (_latencySecond[h] == second && _latency[h] is { } open)
        {
            return (LatencyBuckets.QuantileMs(open, 0.5) ?? double.NaN, LatencyBuckets.QuantileMs(open, 0.99) ?? double.NaN);
        }

        return (_p50[index], _p99[index]);
    }

    /// <summary>The ring index of second <paramref name="s"/>, cleared first when it held an older second.</summary>
    private int Slot(long s)
    {
        var i = Index(s);
        if (_second[i] != s)
        {
            _second[i] = s;
            _coverage[i] = _requests[i] = _errors[i] = _batches[i] = _batched[i] = _queued[i] = _ongoing[i] = 0;
            _p50[i] = _p99[i] = double.NaN;
        }

        return i;
    }

    /// <summary>The open histogram of second <paramref name="s"/>; the second it held before keeps its quantiles.</summary>
    private long[] Histogram(long s)
    {
        var h = (int)Mod(s, OpenSeconds);
        var histogram = _latency[h] ??= new long[LatencyBuckets.Count];
        if (_latencySecond[h] != s)
        {
            if (_latencySecond[h] is var previous and not None && _second[Index(previous)] == previous)
            {
                _p50[Index(previous)] = LatencyBuckets.QuantileMs(histogram, 0.5) ?? double.NaN;
                _p99[Index(previous)] = LatencyBuckets.QuantileMs(histogram, 0.99) ?? double.NaN;
            }

            Array.Clear(histogram);
            _latencySecond[h] = s;
        }

        return histogram;
    }

    private static int Index(long s) => (int)Mod(s, Capacity);

    private static long Mod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
