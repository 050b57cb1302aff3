using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Client;

/// <summary>What every process that routes requests needs, node or external client: router, routing watcher, client, metrics.</summary>
internal static class RuntimeServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SwitchyardMetrics>();
        // A node's replicas are called directly by its own router; an external client has none, so it uses Orleans.
        services.TryAddSingleton<LocalReplicas>();
        services.TryAddSingleton(sp => new ResponseDeadlines(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout));
        services.TryAddSingleton<IReplicaChannelFactory, ReplicaChannelFactory>();
        services.TryAddSingleton<Router>();
        services.AddHostedService<RoutingTableWatcher>();
        services.TryAddSingleton<ServeClient>();
        services.TryAddSingleton<IServeClient>(sp => sp.GetRequiredService<ServeClient>());
        services.AddReplicaOptions();
        services.AddOptions<ServeClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServeClientOptions>, ServeClientOptionsValidator>());
    }

    /// <summary>Contract types (the public API's configs and results) travel as JSON between silos and clients.</summary>
    public static bool IsContractType(Type type) => type.Assembly == typeof(BackendSpec).Assembly;
}
