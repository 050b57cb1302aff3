using Switchyard.Runtime.Replicas;


namespace Switchyard.Runtime.Control;

/// <summary>The controller's in-memory view of one replica (rebuilt from health checks after a restart).</summary>
internal sealed class ReplicaRuntime
{
    public ReplicaState State { get; set; } = ReplicaState.Starting;
    public string? Reason { get; set; }
    public int Failures { get; set; }
    public long NextAttempt { get; set; }

    /// <summary>True once this controller activation asked the replica to start (false: adopted from storage).</summary>
    public bool StartRequested { get; set; }

    /// <summary>The config the replica last received, so a change made while it started is sent after.</summary>
    public BackendConfig? AppliedConfig { get; set; }
}
