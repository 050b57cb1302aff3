using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>What reconciliation needs to know about one replica (in creation order).</summary>
/// <param name="Tag">The replica's tag.</param>
/// <param name="Generation">The backend generation it was started for.</param>
/// <param name="State">What the controller last saw of it.</param>
/// <param name="RetryDue">A failed or pending replica whose backoff has passed.</param>
/// <param name="Moving">It runs on a node that is leaving the cluster: replaced elsewhere first, then drained.</param>
internal readonly record struct ReplicaView(string Tag, int Generation, ReplicaState State, bool RetryDue, bool Moving = false);
