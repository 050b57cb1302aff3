using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Placement;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// What each replica holds on its node, for the <see cref="CapacityLedger"/>: every placed replica of the desired
/// state and every retired one still draining, as long as its status says it may still hold its resources. A
/// replica found lost with its node holds nothing, so that node's id comes back with all of its resources.
/// </summary>
internal static class Reservations
{
    public static IEnumerable<Reservation> Of(DesiredState state, IEnumerable<RetiredReplica> retired, IReadOnlyDictionary<string, ReplicaStatus> statuses)
    {
        foreach (var backend in state.Backends.Values)
        {
            foreach (var entry in backend.Replicas)
            {
                if (Holds(entry, statuses))
                {
                    yield return new Reservation(entry.NodeId!, backend.Spec.Resources, entry.GpuIds);
                }
            }
        }

        foreach (var replica in retired)
        {
            if (Holds(replica.Entry, statuses))
            {
                yield return new Reservation(replica.Entry.NodeId!, replica.Resources, replica.Entry.GpuIds);
            }
        }
    }

    public static CapacityLedger Ledger(IEnumerable<NodeResources> nodes, DesiredState state, IEnumerable<RetiredReplica> retired, IReadOnlyDictionary<string, ReplicaStatus> statuses) =>
        new(nodes, Of(state, retired, statuses));

    private static bool Holds(ReplicaEntry entry, IReadOnlyDictionary<string, ReplicaStatus> statuses) =>
        entry.NodeId is not null && statuses.GetValueOrDefault(entry.Tag, ReplicaStatus.Adopted).HoldsResources;
}
