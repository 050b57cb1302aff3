using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Cluster;

namespace Switchyard.Runtime.Hosting;

/// <summary>Not ready once the node has been asked to stop: the first thing a graceful stop does (see <see cref="NodeShutdown"/>).</summary>
internal sealed class LeavingHealthCheck(NodeLifecycle lifecycle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifecycle.IsLeaving
            ? HealthCheckResult.Unhealthy("stopping: its replicas move to other nodes and its requests in flight finish")
            : HealthCheckResult.Healthy("serving"));
}
