using System.Diagnostics;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>The replica and queue spans: only built when a listener is there (see <see cref="SwitchyardActivities"/>).</summary>
internal sealed partial class ReplicaGrain
{
    /// <summary>Runs the request under its replica span (the worker records the queue span and links batches to it).</summary>
    private async ValueTask<ReplicaResponse> InvokeTracedAsync(ReplicaWorker worker, ReplicaRequest request, CancellationToken cancellationToken)
    {
        using var activity = StartReplicaSpan(request);
        return await worker.InvokeAsync(request, activity?.Context ?? default, cancellationToken);
    }

    /// <summary>A span for this request, continuing the router's trace from the request context.</summary>
    private Activity? StartReplicaSpan(ReplicaRequest request)
    {
        if (!SwitchyardActivities.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(RequestContext.Get(SwitchyardActivities.TraceParentKey) as string, null, out var parent);
        var activity = SwitchyardActivities.Source.StartActivity(SwitchyardActivities.Replica, ActivityKind.Server, parent);
        if (activity is not null)
        {
            activity.SetTag("switchyard.backend", Backend);
            activity.SetTag("switchyard.replica", _spec?.ReplicaTag);
            activity.SetTag("switchyard.node", _node.NodeId);
            activity.SetTag("switchyard.endpoint", request.Endpoint);
        }

        return activity;
    }
}
