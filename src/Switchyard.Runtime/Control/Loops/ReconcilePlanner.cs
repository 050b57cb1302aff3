using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// Decides how one backend's replicas move towards the desired count and generation. Replicas on a node that is
/// leaving count like an older generation: their replacements start elsewhere first, and they drain once those run.
/// Pure logic: the controller carries the plan out and calls again on every change and timer tick.
/// </summary>
internal static class ReconcilePlanner
{
    public static ReconcilePlan Plan(int desired, int generation, IReadOnlyList<ReplicaView> replicas)
    {
        var current = replicas.Where(r => IsCurrent(r, generation)).ToList();
        var drain = new List<string>();

        // Too many: drop those doing the least good first (pending, failed, starting, then running), newest first.
        if (current.Count > desired)
        {
            var excess = current
                .Select((r, order) => (Replica: r, Order: order))
                .OrderBy(x => DrainPriority(x.Replica.State))
                .ThenByDescending(x => x.Order)
                .Take(current.Count - desired)
                .Select(x => x.Replica)
                .ToList();
            drain.AddRange(excess.Select(r => r.Tag));
            current = current.Except(excess).ToList();
        }

        // Older generations, and replicas on a leaving node, keep serving until the current ones can take all the
        // traffic (or none is wanted).
        var running = current.Count(r => r.State == ReplicaState.Running);
        if (running >= desired)
        {
            drain.AddRange(replicas.Where(r => !IsCurrent(r, generation) && IsLive(r.State)).Select(r => r.Tag));
        }

        var retry = current
            .Where(r => r.RetryDue && r.State is ReplicaState.Failed or ReplicaState.Pending)
            .Select(r => r.Tag)
            .ToList();

        return new ReconcilePlan(Math.Max(0, desired - current.Count), retry, drain);
    }

    private static bool IsCurrent(ReplicaView replica, int generation) =>
        replica.Generation == generation && !replica.Moving && IsLive(replica.State);

    private static bool IsLive(ReplicaState state) => state is not (ReplicaState.Draining or ReplicaState.Stopped);

    private static int DrainPriority(ReplicaState state) => state switch
    {
        ReplicaState.Pending => 0,
        ReplicaState.Failed => 1,
        ReplicaState.Starting => 2,
        _ => 3,
    };
}
