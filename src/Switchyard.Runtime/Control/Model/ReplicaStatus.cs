using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// What the controller has observed of one replica (memory only: rebuilt from health checks after the controller
/// moves). Immutable; the controller replaces a replica's status as news arrives.
/// </summary>
internal sealed record ReplicaStatus
{
    /// <summary>A replica known from the store that this activation has not started or heard from yet.</summary>
    public static ReplicaStatus Adopted { get; } = new();

    public ReplicaState State { get; init; } = ReplicaState.Starting;

    /// <summary>Why it is pending or failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Failures in a row, for backoff; carried over to the replica that replaces a failed one.</summary>
    public int Failures { get; init; }

    /// <summary>When (a <see cref="TimeProvider"/> timestamp) a failed or pending replica may be tried again.</summary>
    public long RetryAt { get; init; }

    /// <summary>True once this activation asked the replica to start (false: adopted from the store).</summary>
    public bool StartRequested { get; init; }

    /// <summary>The config the replica last received, so a change made while it started is sent after.</summary>
    public BackendConfig? AppliedConfig { get; init; }

    /// <summary>
    /// Whether the replica may still hold its node's resources: one that never got placed, failed, stopped, or was
    /// lost with its node holds nothing, so a node that comes back under the same id gets all of its resources back.
    /// </summary>
    public bool HoldsResources => State is ReplicaState.Starting or ReplicaState.Running or ReplicaState.Draining;

    public ReplicaStatus Running() => this with { State = ReplicaState.Running, Reason = null, Failures = 0 };
}
