using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Runtime.Hosting;

/// <summary>Ready once <see cref="NodeStartup"/> completed: routing table held, <c>--config</c> applied and routed.</summary>
internal sealed class StartupHealthCheck(NodeStartup startup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(startup.IsComplete ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(startup.Waiting));
}
