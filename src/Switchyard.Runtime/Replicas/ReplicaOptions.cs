namespace Switchyard.Runtime.Replicas;

/// <summary>
/// Settings of the replicas on a node, validated at start (<see cref="ReplicaOptionsValidator"/>). Bound from the
/// configuration section <see cref="Section"/> (e.g. the environment variable
/// <c>Switchyard__Replicas__StartTimeout=00:00:30</c>).
/// </summary>
public sealed class ReplicaOptions
{
    /// <summary>The configuration section these settings are read from.</summary>
    public const string Section = "Switchyard:Replicas";

    /// <summary>
    /// How long a draining replica keeps taking requests before it waits for the last ones and stops: the time
    /// routers need to receive the table without it. Default 1 s.
    /// </summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <c>replica_start_timeout_s</c>: how long a backend's constructor (and its first <c>ReconfigureAsync</c>) may
    /// take before the replica is failed with a reason saying so. Default 120 s.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
