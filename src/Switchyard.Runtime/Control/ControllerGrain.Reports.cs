using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control;

internal sealed partial class ControllerGrain
{
    /// <summary>
    /// A replica's own news: a retired one that stopped is forgotten; a draining one that stopped leaves the desired
    /// state (stored first); a live one that runs or failed changes status, and its backend is reconciled at once.
    /// </summary>
    public async Task ReportReplicaAsync(ReplicaReport report, CancellationToken cancellationToken)
    {
        if (await CheckActingAsync(cancellationToken) is not null)
        {
            return; // the health check of the controller that acts finds the same news
        }

        var tag = report.ReplicaTag;
        if (_retired.ContainsKey(tag))
        {
            if (report.State == ReplicaState.Stopped)
            {
                Forget(tag);
            }

            return;
        }

        if (!_desired.Backends.TryGetValue(report.Backend, out var backend) || backend.Find(tag) is not { } entry)
        {
            return;
        }

        if (entry.Draining)
        {
            if (report.State == ReplicaState.Stopped && await StoreAsync(_desired.WithBackend(report.Backend, backend.WithoutReplica(tag))) is null)
            {
                Log.ReplicaDrained(_logger, tag, report.NodeId);
                _statuses.Remove(tag);
                Publish();
                NotifyReplicasChanged();
            }

            return;
        }

        switch (report.State)
        {
            case ReplicaState.Running:
                var status = StatusOf(tag).Running();
                _statuses[tag] = status;
                Log.ReplicaRunning(_logger, tag, report.NodeId);
                if (!ReferenceEquals(status.AppliedConfig, backend.Spec.Config))
                {
                    await ReconfigureAsync(tag, backend.Spec.Config, cancellationToken);
                }

                break;
            case ReplicaState.Failed:
                Fail(tag, report.Reason ?? "the replica failed");
                break;
            default:
                return;
        }

        Publish();
        NotifyReplicasChanged();
        await ReconcileAsync(report.Backend, cancellationToken);
    }
}
