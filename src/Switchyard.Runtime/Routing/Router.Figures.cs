namespace Switchyard.Runtime.Routing;

/// <summary>What the node's figure reporter reads from this router, in the background.</summary>
internal sealed partial class Router
{
    private BackendLane[] _laneList = [];
    private TaskCompletionSource _demandWithoutReplica = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The lanes of the latest routing table (one per backend).</summary>
    public IReadOnlyList<BackendLane> Lanes => Volatile.Read(ref _laneList);

    /// <summary>The latest routing table.</summary>
    public RoutingTable Table => _table;

    /// <summary>
    /// Completes when a request starts waiting on a lane that has no replica (a backend scaled to zero), so the
    /// reporter tells the controller at once instead of at its next interval. Ask again after it completed.
    /// </summary>
    public Task WhenDemandWithoutReplica => Volatile.Read(ref _demandWithoutReplica).Task;

    /// <summary>Re-arms <see cref="WhenDemandWithoutReplica"/> before the reporter reads the lanes.</summary>
    public void ResetDemandWithoutReplica()
    {
        if (Volatile.Read(ref _demandWithoutReplica).Task.IsCompleted)
        {
            Interlocked.Exchange(ref _demandWithoutReplica, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    private void SignalDemandWithoutReplica() => Volatile.Read(ref _demandWithoutReplica).TrySetResult();
}
