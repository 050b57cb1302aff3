namespace Switchyard.Runtime.Routing;

/// <summary>
/// What one lane's requests looked like since it was made: answers by status class and a latency histogram
/// (<see cref="LatencyBuckets"/>). Counted on the request path with two interlocked increments, read in the
/// background by the node's figure reporter, which sends the differences.
/// </summary>
internal sealed class LaneFigures
{
    private readonly long[] _statusClasses = new long[5];
    private readonly long[] _latency = new long[LatencyBuckets.Count];

    /// <summary>Counts one answered request.</summary>
    public void Record(int status, TimeSpan latency)
    {
        var statusClass = Math.Clamp(status / 100, 1, 5) - 1;
        Interlocked.Increment(ref _statusClasses[statusClass]);
        Interlocked.Increment(ref _latency[LatencyBuckets.Index(latency)]);
    }

    /// <summary>Copies the counts by status class (1xx to 5xx) into <paramref name="into"/>.</summary>
    public void ReadStatusClasses(long[] into)
    {
        for (var i = 0; i < _statusClasses.Length; i++)
        {
            into[i] = Volatile.Read(ref _statusClasses[i]);
        }
    }

    /// <summary>Copies the latency counts (one per bucket) into <paramref name="into"/>.</summary>
    public void ReadLatency(long[] into)
    {
        for (var i = 0; i < _latency.Length; i++)
        {
            into[i] = Volatile.Read(ref _latency[i]);
        }
    }
}
