namespace Switchyard.Runtime.Control.Loops;

/// <summary>One node's figures for one backend over one report interval.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="OngoingRequests">Requests waiting in the node's router plus running in its replicas, averaged over the interval.</param>
/// <param name="StatusClasses">Requests the node's router answered in the interval, by status class (1xx to 5xx).</param>
/// <param name="Latency">Their latencies as (bucket of <see cref="Routing.LatencyBuckets"/>, count) pairs, empty buckets left out.</param>
internal sealed record FigureSample(string Backend, double OngoingRequests, IReadOnlyList<long> StatusClasses, IReadOnlyList<KeyValuePair<int, long>> Latency)
{
    public long Requests => StatusClasses.Sum();

    public long Errors => StatusClasses.Count >= 5 ? StatusClasses[4] : 0;
}
