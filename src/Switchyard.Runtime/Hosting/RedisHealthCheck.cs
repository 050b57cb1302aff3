using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Cluster mode: Redis answers a ping (through the node's <see cref="RedisStoreProbe"/>). Required to become ready;
/// once the node has started, an outage only degrades it (200 with the reason): the node keeps serving from its last
/// routing table, and a load balancer must not take every node out because the store is away.
/// </summary>
internal sealed class RedisHealthCheck(RedisStoreProbe probe, NodeStartup startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await probe.CheckAsync(cancellationToken) is { } problem
            ? startup.IsComplete ? HealthCheckResult.Degraded(problem) : HealthCheckResult.Unhealthy(problem)
            : HealthCheckResult.Healthy("answers");
}
