namespace Switchyard.Runtime.Replicas;

/// <summary>Where a replica tells how it is (running, failed, stopped): the controller, seen from below.</summary>
internal interface IReplicaReporter
{
    Task ReportAsync(ReplicaReport report, CancellationToken cancellationToken);
}
