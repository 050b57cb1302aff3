namespace Switchyard.Runtime.Control.Loops;

/// <summary>One node's figures for one backend over one report interval.</summary>
/// <param name="Backend">The backend.</param>
/// <param name="OngoingRequests">Requests waiting in the node's router plus running in its replicas, averaged over the interval.</param>
/// <param name="StatusClasses">Requests the node's router answered in the interval, by status class (1xx to 5xx).</param>
/// <param name="Latency">Their latencies as (bucket of <see cref="Routing.LatencyBuckets"/>, count) pairs, empty buckets left out.</param>
/// <param name="QueuedRequests">Requests waiting on the node (in its router for a replica, in its replicas for a batch), averaged over the interval.</param>
/// <param name="Batches">Backend calls the node's replicas made in the interval (a plain backend's calls are batches of one).</param>
/// <param name="BatchedRequests">Requests in those calls.</param>
internal sealed record FigureSample(
    string Backend,
    double OngoingRequests,
    IReadOnlyList<long> StatusClasses,
    IReadOnlyList<KeyValuePair<int, long>> Latency,
    double QueuedRequests = 0,
    long Batches = 0,
    long BatchedRequests = 0)
{
    public long Requests => StatusClasses.Sum();

    public long Errors => StatusClasses.Count >= 5 ? StatusClasses[4] : 0;
}
