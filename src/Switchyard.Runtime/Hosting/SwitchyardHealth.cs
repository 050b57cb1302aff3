using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Cluster;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// The node's readiness: joined, holding a routing table, started (with <c>--config</c>: applied and routed), and
/// in cluster mode Redis and the controller answering (degraded, still 200, when they do not). Liveness runs no check.
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
        if (options.ClusterUrl is { } url && ClusterTarget.TryParse(url, out var cluster, out _))
        {
            services.AddSingleton(_ => new RedisHealthCheck(cluster));
            // Degraded, not unhealthy: a node keeps serving from its last routing table while Redis or the controller is
            // away (issue 9), so load balancers must not take every node out of rotation at once. Startup already needed both.
            checks.AddCheck<RedisHealthCheck>("redis", failureStatus: HealthStatus.Degraded, tags: ready)
                .AddCheck<ControllerHealthCheck>("controller", failureStatus: HealthStatus.Degraded, tags: ready);
        }
    }
}
