using System.Diagnostics;
using Switchyard.Runtime.Diagnostics;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// The replica span around one request (see <see cref="SwitchyardActivities"/>), the same whichever way the request
/// came: through the replica's grain, or straight from this process's router (the local path).
/// </summary>
internal static class ReplicaSpans
{
    /// <summary>
    /// Runs the request under its replica span, continuing the router's trace from Orleans' request context (the
    /// worker records the queue span and links batches to it). <paramref name="onCaller"/>: see <see cref="ReplicaWorker.InvokeOnCallerAsync"/>.
    /// </summary>
    public static async ValueTask<ReplicaResponse> InvokeTracedAsync(ReplicaWorker worker, ReplicaRequest request, bool onCaller, CancellationToken cancellationToken)
    {
        using var activity = Start(worker, request);
        var trace = activity?.Context ?? default;
        return await (onCaller
            ? worker.InvokeOnCallerAsync(request, trace, cancellationToken)
            : worker.InvokeAsync(request, trace, cancellationToken));
    }

    private static Activity? Start(ReplicaWorker worker, ReplicaRequest request)
    {
        if (!SwitchyardActivities.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(RequestContext.Get(SwitchyardActivities.TraceParentKey) as string, null, out var parent);
        var activity = SwitchyardActivities.Source.StartActivity(SwitchyardActivities.Replica, ActivityKind.Server, parent);
        if (activity is not null)
        {
            activity.SetTag("switchyard.backend", worker.Backend);
            activity.SetTag("switchyard.replica", worker.ReplicaTag);
            activity.SetTag("switchyard.node", worker.NodeId);
            activity.SetTag("switchyard.endpoint", request.Endpoint);
        }

        return activity;
    }
}
