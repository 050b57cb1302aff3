using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Runtime.Hosting;

/// <summary>Ready while this node's silo is an active member of the cluster.</summary>
internal sealed class MembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("joined")
            : HealthCheckResult.Unhealthy($"not an active member of the cluster ({status})"));
    }
}
