using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>Opens channels to replica grains.</summary>
internal sealed class GrainReplicaChannelFactory(IGrainFactory grains) : IReplicaChannelFactory
{
    public IReplicaChannel Open(string replicaTag) => new GrainReplicaChannel(grains.GetGrain<IReplicaGrain>(replicaTag));
}
