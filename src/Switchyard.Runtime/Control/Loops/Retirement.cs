using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// What becomes of the replicas of a backend that left the desired state: each that was ever placed is retired
/// (drained, keeping what it holds until it stops), and one that never got placed (pending) is simply forgotten.
/// Pure logic.
/// </summary>
internal static class Retirement
{
    /// <summary>The replicas to retire and drain, and their statuses (null forgets the replica).</summary>
    public static (IReadOnlyList<RetiredReplica> Retired, IReadOnlyDictionary<string, ReplicaStatus?> Statuses) Plan(
        string name, BackendState backend, IReadOnlyDictionary<string, ReplicaStatus> statuses)
    {
        var retired = new List<RetiredReplica>();
        var updates = new Dictionary<string, ReplicaStatus?>(StringComparer.Ordinal);
        foreach (var entry in backend.Replicas)
        {
            var status = statuses.GetValueOrDefault(entry.Tag, ReplicaStatus.Adopted);
            if (status.State == ReplicaState.Pending)
            {
                updates[entry.Tag] = null;
                continue;
            }

            retired.Add(new RetiredReplica(name, entry, backend.Spec.Resources));
            if (status.HoldsResources)
            {
                updates[entry.Tag] = status with { State = ReplicaState.Draining };
            }
        }

        return (retired, updates);
    }
}
