using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Control;

/// <summary>
/// Nodes that shut down gracefully: their replicas move before they go (replacements first, then drain), and a node
/// leaving is known by its silo, so the same node id restarted on a fresh silo takes replicas again at once. Memory
/// only: the leaving node asks again until it is empty, so a controller that moved meanwhile learns it at once.
/// </summary>
internal sealed partial class ControllerGrain
{
    private readonly Dictionary<string, SiloAddress> _leaving = new(StringComparer.Ordinal);

    public async Task<int> LeaveAsync(string nodeId, CancellationToken cancellationToken)
    {
        if (await CheckActingAsync(cancellationToken) == NotActing.SteppingDown)
        {
            throw Moving();
        }

        var cluster = _membership.Snapshot();
        if (cluster.SiloOf(nodeId) is { } silo && _leaving.TryAdd(nodeId, silo))
        {
            Log.NodeLeaving(_logger, nodeId, LiveReplicasOn(nodeId));
        }

        foreach (var name in _desired.Backends.Keys.ToList())
        {
            await ReconcileAsync(name, cancellationToken);
        }

        var remaining = LiveReplicasOn(nodeId);
        if (remaining == 0 && cluster.LocalNodeId == nodeId && !_steppingDown)
        {
            var leaving = LeavingNodes(cluster);
            var target = cluster.Alive.FirstOrDefault(n => n.NodeId != nodeId && !leaving.Contains(n.NodeId));
            StepDown($"node '{nodeId}' is leaving the cluster", target is null ? null : cluster.SiloOf(target.NodeId));
        }

        return remaining;
    }

    /// <summary>Ids of nodes that said they are leaving and still run on the silo they said it from.</summary>
    private HashSet<string> LeavingNodes(ClusterSnapshot cluster)
    {
        foreach (var (nodeId, silo) in _leaving.ToList())
        {
            if (!silo.Equals(cluster.SiloOf(nodeId)))
            {
                _leaving.Remove(nodeId); // gone, or back on a fresh silo
            }
        }

        return [.. _leaving.Keys];
    }

    /// <summary>Replicas on the node that may still serve or hold its resources (draining ones included).</summary>
    private int LiveReplicasOn(string nodeId) =>
        _desired.Backends.Values.SelectMany(b => b.Replicas).Count(r => r.NodeId == nodeId && (r.Draining || StatusOf(r.Tag).HoldsResources))
        + _retired.Values.Count(r => r.Entry.NodeId == nodeId && StatusOf(r.Entry.Tag).HoldsResources);
}
