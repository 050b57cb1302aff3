using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

/// <summary>Sends replica reports to the cluster's controller grain.</summary>
internal sealed class ControllerReplicaReporter(IGrainFactory grains) : IReplicaReporter
{
    public Task ReportAsync(ReplicaReport report, CancellationToken cancellationToken) =>
        grains.GetGrain<IControllerGrain>(0).ReportReplicaAsync(report, cancellationToken);
}
