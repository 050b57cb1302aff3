using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Switchyard.Runtime.Replicas;

/// <summary>Registers the replicas' settings: bound from configuration, validated when the host starts.</summary>
internal static class ReplicaServices
{
    public static IServiceCollection AddReplicaOptions(this IServiceCollection services)
    {
        services.AddOptions<ReplicaOptions>().BindConfiguration(ReplicaOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReplicaOptions>, ReplicaOptionsValidator>());
        return services;
    }
}
