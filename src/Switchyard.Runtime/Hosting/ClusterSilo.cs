using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// A node of a multi-node cluster: membership and the controller's state in Redis (Orleans' own providers), the
/// distributed grain directory without lease holds, failure detection that declares a killed node dead in about two
/// seconds but never on one peer's word, a store probe that refuses to start without Redis, and an exit at once when
/// the cluster has declared this node dead. docs/cluster.md explains each setting and what it trades.
/// </summary>
internal static class ClusterSilo
{
    public static void Configure(ISiloBuilder silo, SwitchyardNodeOptions options, NodeIdentity identity, ClusterTarget cluster)
    {
        var redis = RedisConnection.Options(cluster);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ClusterId;
        });
        silo.UseRedisClustering(o => o.ConfigurationOptions = redis);

        // The default directory deactivates a node's grains whose directory entries lived on a node that died, which
        // would stop healthy replicas whenever any node fails; the distributed directory recovers those entries from
        // the survivors instead. Its lease holds would keep every grain whose entry lived on the dead node (the
        // controller among them) from activating again for RangeLeaseDuration less the detection time (about 22 s by
        // default); they exist to keep one activation per grain when a "dead" node was only paused, which the
        // controller's fencing does instead (ControllerGrain.Fence), so they are off.
#pragma warning disable ORLEANSEXP003 // evaluation API in Orleans 10; it is what keeps replicas alive across node loss
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        silo.Configure<GrainDirectoryOptions>(o => o.RangeLeaseDuration = TimeSpan.Zero);

        var advertised = cluster.IsLoopback ? IPAddress.Loopback : null;
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = options.SiloPort;
            o.GatewayPort = options.GatewayPort;
            if (advertised is not null)
            {
                o.AdvertisedIPAddress = advertised;
            }

            o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
            o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
        });
        silo.Configure<ClusterMembershipOptions>(FailureDetection.Configure);
        silo.AddRedisGrainStorage(SwitchyardStorage.Name, optionsBuilder => optionsBuilder.Configure<Serializer>((o, serializer) =>
        {
            o.ConfigurationOptions = redis;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

        var services = silo.Services;
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisStoreProbe>(sp, redis));
        services.AddSingleton<IStoreProbe>(sp => sp.GetRequiredService<RedisStoreProbe>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisStoreProbe>());
        services.Replace(ServiceDescriptor.Singleton<IFatalErrorHandler, FatalErrorExit>());
        SwitchyardHostingExtensions.ConfigureSilo(silo, identity, options.Assemblies, storage: null);
    }
}
