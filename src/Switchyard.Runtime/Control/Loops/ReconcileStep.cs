using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Placement;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// Turns a <see cref="ReconcilePlanner"/> plan for one backend into entries of the next desired state and the
/// actions that follow: excess replicas drain (pending ones are simply dropped), failed ones whose backoff has
/// passed are replaced by fresh replicas that carry their failure count, missing ones are created, and every
/// replica to start is placed through the ledger (pending, with the reason, when nothing fits). Replicas on a node in
/// <c>leaving</c> are replaced elsewhere, then drained (the ledger should not offer leaving nodes). Pure logic.
/// </summary>
internal static class ReconcileStep
{
    /// <summary>How soon a replica that could not be placed is tried again.</summary>
    public static TimeSpan PendingRetry { get; } = TimeSpan.FromSeconds(1);

    public static ReconcileResult Plan(
        DesiredState state,
        string name,
        IReadOnlyDictionary<string, ReplicaStatus> statuses,
        CapacityLedger ledger,
        TimeProvider time,
        IReadOnlySet<string>? leaving = null)
    {
        if (!state.Backends.TryGetValue(name, out var backend))
        {
            return ReconcileResult.None(state);
        }

        ReplicaStatus StatusOf(string tag) => statuses.GetValueOrDefault(tag, ReplicaStatus.Adopted);
        var views = backend.Replicas
            .Select(r => new ReplicaView(
                r.Tag,
                r.Generation,
                r.Draining ? ReplicaState.Draining : StatusOf(r.Tag).State,
                FailureBackoff.IsDue(StatusOf(r.Tag), time),
                Moving: r.NodeId is { } node && leaving?.Contains(node) == true))
            .ToList();
        var plan = ReconcilePlanner.Plan(backend.DesiredReplicas, backend.Generation, views);
        if (plan.IsEmpty)
        {
            return ReconcileResult.None(state);
        }

        var next = state;
        var updated = backend;
        var updates = new Dictionary<string, ReplicaStatus?>(StringComparer.Ordinal);
        var drain = new List<string>();
        var retire = new List<RetiredReplica>();
        var toPlace = new List<(ReplicaEntry Entry, ReplicaStatus Status)>();
        foreach (var tag in plan.ToDrain)
        {
            var entry = updated.Find(tag)!;
            var status = StatusOf(tag);
            if (status.State == ReplicaState.Pending)
            {
                // Never started anywhere: nothing to drain.
                updated = updated.WithoutReplica(tag);
                updates[tag] = null;
                continue;
            }

            updated = updated.WithReplica(entry with { Draining = true });
            updates[tag] = status with { State = ReplicaState.Draining };
            drain.Add(tag);
        }

        foreach (var tag in plan.ToRetry)
        {
            var entry = updated.Find(tag)!;
            var status = StatusOf(tag);
            if (status.State == ReplicaState.Pending)
            {
                toPlace.Add((entry, status));
                continue;
            }

            // A failed replica is replaced by a fresh one (a new grain), carrying the failure count for backoff.
            updated = updated.WithoutReplica(tag);
            drain.Add(tag);
            retire.Add(new RetiredReplica(name, entry, updated.Spec.Resources));
            (next, var fresh) = next.TakeReplicaTag(name);
            var replacement = ReplicaEntry.Unplaced(fresh, updated.Generation);
            updated = updated.WithReplica(replacement);
            toPlace.Add((replacement, ReplicaStatus.Adopted with { Failures = status.Failures }));
        }

        for (var i = 0; i < plan.ToCreate; i++)
        {
            (next, var fresh) = next.TakeReplicaTag(name);
            var created = ReplicaEntry.Unplaced(fresh, updated.Generation);
            updated = updated.WithReplica(created);
            toPlace.Add((created, ReplicaStatus.Adopted));
        }

        var start = new List<ReplicaStart>();
        foreach (var (entry, status) in toPlace)
        {
            var current = updated;
            var decision = ledger.Place(
                current.Spec.Resources,
                node => current.Replicas.Count(r => r.NodeId == node && r.Tag != entry.Tag && !r.Draining));
            if (!decision.Placed)
            {
                if (entry.NodeId is not null || entry.GpuIds.Count > 0)
                {
                    updated = updated.WithReplica(entry with { NodeId = null, GpuIds = [] });
                }

                updates[entry.Tag] = status with { State = ReplicaState.Pending, Reason = decision.Reason, RetryAt = FailureBackoff.After(time, PendingRetry) };
                continue;
            }

            updated = updated.WithReplica(entry with { NodeId = decision.NodeId, GpuIds = decision.GpuIds });
            updates[entry.Tag] = status with { State = ReplicaState.Starting, Reason = null, StartRequested = true, AppliedConfig = updated.Spec.Config };
            start.Add(new ReplicaStart(entry.Tag, decision.NodeId!, decision.GpuIds));
        }

        var changed = !ReferenceEquals(updated, backend);
        return new ReconcileResult(changed ? next.WithBackend(name, updated) : state, changed, updates, drain, retire, start);
    }
}
