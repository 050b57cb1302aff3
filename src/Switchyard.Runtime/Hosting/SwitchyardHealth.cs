using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// The node's readiness: joined, holding a routing table, started (with <c>--config</c>: applied and routed), and
/// in cluster mode Redis and the controller answering. Liveness runs no check.
/// </summary>
internal static class SwitchyardHealth
{
    public static void AddSwitchyardHealth(this IServiceCollection services, SwitchyardNodeOptions options)
    {
        services.AddSingleton<NodeStartup>();
        services.AddHostedService<StartupService>();
        string[] ready = [HealthTags.Ready];
        var checks = services.AddHealthChecks()
            .AddCheck<MembershipHealthCheck>("membership", tags: ready)
            .AddCheck<RoutingHealthCheck>("routing", tags: ready)
            .AddCheck<StartupHealthCheck>(HealthTags.StartupCheck, tags: ready);
        if (options.ClusterUrl is { } url && ClusterTarget.TryParse(url, out _, out _))
        {
            checks.AddCheck<RedisHealthCheck>("redis", tags: ready)
                .AddCheck<ControllerHealthCheck>("controller", tags: ready);
        }
    }
}
