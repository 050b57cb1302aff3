using Switchyard.Runtime.Replicas;


namespace Switchyard.Runtime.Routing;

/// <summary>One replica as this node's router sees it: its grain and how many of this node's requests it holds.</summary>
internal sealed class ReplicaSlot
{
    public ReplicaSlot(string tag, IReplicaGrain grain)
    {
        Tag = tag;
        Grain = grain;
    }

    public string Tag { get; }

    public IReplicaGrain Grain { get; }

    /// <summary>Requests from this node in flight on the replica (changed only with <see cref="Interlocked"/>).</summary>
    public int InFlight;

    /// <summary>Until when (<see cref="Environment.TickCount64"/>) this replica is avoided after it could not be reached.</summary>
    public long SuspectUntil;

    public bool IsSuspect(long now) => Volatile.Read(ref SuspectUntil) > now;

    /// <summary>Avoids this replica for a while: its node may be gone, and the controller will replace it if so.</summary>
    public void MarkSuspect(TimeSpan period) => Volatile.Write(ref SuspectUntil, Environment.TickCount64 + (long)period.TotalMilliseconds);
}
