namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// A replica no longer in the desired state (its backend was deleted, or it failed and was replaced) that may still
/// be draining: it keeps its reservation until it stops or is found gone.
/// </summary>
internal sealed record RetiredReplica(string Backend, ReplicaEntry Entry, BackendResources Resources);
