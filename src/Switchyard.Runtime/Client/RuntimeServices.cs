using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        services.TryAddSingleton<IReplicaChannelFactory, GrainReplicaChannelFactory>();
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
