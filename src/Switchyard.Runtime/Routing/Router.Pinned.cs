using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

internal sealed partial class Router
{
    /// <summary>
    /// Sends a request to one backend of <paramref name="endpoint"/> chosen by the caller (a version-pinned
    /// inference call): the lane's queue bound and timeout apply, the traffic table and shadows do not.
    /// </summary>
    public async ValueTask<ReplicaResponse> InvokeBackendAsync(EndpointRoute endpoint, BackendLane lane, ReplicaRequest request, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var activity = StartRoute(endpoint, lane, request);
        activity?.SetTag("switchyard.routing", "pinned_version");
        var response = await InvokeLaneAsync(lane, request, activity, cancellationToken).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);
        _metrics.RequestCompleted(endpoint.Name, lane.Name, response.StatusCode, elapsed);
        lane.Figures.Record(response.StatusCode, elapsed);
        EndRoute(activity, response);
        return response;
    }
}
