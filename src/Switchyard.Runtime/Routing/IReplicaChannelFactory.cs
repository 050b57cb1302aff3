namespace Switchyard.Runtime.Routing;

/// <summary>Opens the channel to a replica named in a routing table.</summary>
internal interface IReplicaChannelFactory
{
    IReplicaChannel Open(string replicaTag);
}
