using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// Cluster mode: the controller answers within a short bound. Required to become ready; once the node has started,
/// a controller that is moving (its node died) only degrades it (200 with the reason): routing goes on from the last
/// table meanwhile, and every node going unready at once would turn a node's loss into an outage behind a load balancer.
/// </summary>
internal sealed class ControllerHealthCheck(IGrainFactory grains, NodeStartup startup, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IControllerGrain>(0).ListEndpointsAsync(cancellationToken).WaitAsync(Bound, time, cancellationToken);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var problem = ex is TimeoutException ? $"no answer within {Bound.TotalSeconds:0} s" : "not reachable";
            return startup.IsComplete ? HealthCheckResult.Degraded(problem, ex) : HealthCheckResult.Unhealthy(problem, ex);
        }
    }
}
