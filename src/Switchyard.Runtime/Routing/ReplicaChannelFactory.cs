using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>Opens channels that call a replica directly while its grain is active in this process, and through Orleans otherwise.</summary>
internal sealed class ReplicaChannelFactory(IGrainFactory grains, LocalReplicas local, ResponseDeadlines deadlines) : IReplicaChannelFactory
{
    public IReplicaChannel Open(string replicaTag) =>
        new LocalFirstReplicaChannel(replicaTag, new GrainReplicaChannel(grains.GetGrain<IReplicaGrain>(replicaTag)), local, deadlines);
}
