using Microsoft.Extensions.Diagnostics.HealthChecks;
using Switchyard.Runtime.Control;

namespace Switchyard.Runtime.Hosting;

/// <summary>Cluster mode: ready while the controller answers within a short bound (it may be moving to another node).</summary>
internal sealed class ControllerHealthCheck(IGrainFactory grains, TimeProvider time) : IHealthCheck
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
            return new HealthCheckResult(context.Registration.FailureStatus, ex is TimeoutException ? $"no answer within {Bound.TotalSeconds:0} s" : "not reachable", ex);
        }
    }
}
