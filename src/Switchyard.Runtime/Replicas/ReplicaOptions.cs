namespace Switchyard.Runtime.Replicas;

/// <summary>Settings of the replicas on a node.</summary>
public sealed class ReplicaOptions
{
    /// <summary>
    /// How long a draining replica keeps taking requests before it waits for the last ones and stops: the time
    /// routers need to receive the table without it. Default 1 s.
    /// </summary>
    public TimeSpan DrainGrace { get; set; } = TimeSpan.FromSeconds(1);
}
