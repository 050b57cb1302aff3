using System.Diagnostics;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>The route span: only built when a listener is there (see <see cref="SwitchyardActivities"/>).</summary>
internal sealed partial class Router
{
    private static Activity? StartRoute(EndpointRoute endpoint, BackendLane lane, ReplicaRequest request)
    {
        var activity = SwitchyardActivities.Source.StartActivity(SwitchyardActivities.Route, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("switchyard.endpoint", endpoint.Name);
            activity.SetTag("switchyard.backend", lane.Name);
            activity.SetTag("switchyard.routing", request.ShardKey is null ? "traffic_weights" : "shard_key");
        }

        return activity;
    }

    private static void EndRoute(Activity? activity, ReplicaResponse response)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("http.response.status_code", response.StatusCode);
        if (response.StatusCode >= 500)
        {
            activity.SetStatus(ActivityStatusCode.Error, response.Title);
        }
    }

    /// <summary>Calls the replica with the route span's trace parent in the request context, so its spans join the trace.</summary>
    private static async ValueTask<ReplicaResponse> InvokeTracedAsync(ReplicaSlot slot, ReplicaRequest request, Activity activity, int attempt, CancellationToken cancellationToken)
    {
        activity.SetTag("switchyard.replica", slot.Tag);
        activity.SetTag("switchyard.attempts", attempt);
        RequestContext.Set(SwitchyardActivities.TraceParentKey, activity.Id!);
        try
        {
            return await slot.Channel.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RequestContext.Remove(SwitchyardActivities.TraceParentKey);
        }
    }
}
