using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// One reconcile step for one backend: the desired state with its replica entries updated, and what the controller
/// then does, once that state is stored: statuses to set (null forgets the replica), replicas to drain, to retire
/// and to start. Nothing here has happened yet.
/// </summary>
internal sealed record ReconcileResult(
    DesiredState State,
    bool Changed,
    IReadOnlyDictionary<string, ReplicaStatus?> Statuses,
    IReadOnlyList<string> Drain,
    IReadOnlyList<RetiredReplica> Retire,
    IReadOnlyList<ReplicaStart> Start)
{
    public static ReconcileResult None(DesiredState state) =>
        new(state, false, new Dictionary<string, ReplicaStatus?>(), [], [], []);

    public bool IsEmpty => !Changed && Statuses.Count == 0 && Drain.Count == 0 && Start.Count == 0;
}
