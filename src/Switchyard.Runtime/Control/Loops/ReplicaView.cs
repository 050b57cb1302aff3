using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>What reconciliation needs to know about one replica (in creation order).</summary>
internal readonly record struct ReplicaView(string Tag, int Generation, ReplicaState State, bool RetryDue);
