namespace Switchyard.Runtime.Replicas;

/// <summary>The wire names of <see cref="ReplicaState"/> (admin API, metrics).</summary>
internal static class ReplicaStateNames
{
    public static string Name(ReplicaState state) => state switch
    {
        ReplicaState.Starting => "starting",
        ReplicaState.Running => "running",
        ReplicaState.Pending => "pending",
        ReplicaState.Draining => "draining",
        ReplicaState.Failed => "failed",
        _ => "stopped",
    };
}
