using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Hosting;

/// <summary>Ready while this node's router holds a routing table from the controller.</summary>
internal sealed class RoutingHealthCheck(Router router) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(router.IsReady
            ? HealthCheckResult.Healthy($"routing table version {router.Snapshot.Version}")
            : HealthCheckResult.Unhealthy("no routing table from the controller yet"));
}
