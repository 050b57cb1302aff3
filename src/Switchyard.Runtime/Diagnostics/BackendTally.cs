namespace Switchyard.Runtime.Diagnostics;

/// <summary>
/// What one backend's requests did on this node since it started, for the node's figure reports: backend calls and
/// the requests in them, and the requests waiting now. Counted with interlocked adds; read in the background.
/// </summary>
internal sealed class BackendTally
{
    private long _batches;
    private long _batched;
    private long _queued;

    /// <summary>Backend calls made (a plain backend's calls are batches of one).</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Requests in those calls.</summary>
    public long BatchedRequests => Volatile.Read(ref _batched);

    /// <summary>Requests waiting now: in the router for a replica, in a replica for a batch.</summary>
    public long Queued => Volatile.Read(ref _queued);

    public void BatchTaken(int size)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _batched, size);
    }

    public void QueuedChanged(long delta) => Interlocked.Add(ref _queued, delta);
}
