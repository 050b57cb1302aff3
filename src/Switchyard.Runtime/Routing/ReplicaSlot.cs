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
}
