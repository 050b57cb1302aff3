using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// The answers the router gives when it cannot get one from a replica. They name the backend and what happened,
/// never the runtime's exception text, silo addresses or paths (CONTRACT section 7): those go to the log.
/// </summary>
internal static class RouterProblems
{
    public static ReplicaResponse NoReplica(string backend) =>
        ReplicaResponse.Problem(503, "Service Unavailable", $"Backend '{backend}' has no running replica.");

    public static ReplicaResponse QueueFull(string backend) =>
        ReplicaResponse.Problem(503, "Service Unavailable", $"Backend '{backend}' is at capacity and its queue is full.");

    public static ReplicaResponse Timeout(string backend, TimeSpan timeout) =>
        ReplicaResponse.Problem(504, "Gateway Timeout", $"Backend '{backend}' did not answer within request_timeout_s ({timeout.TotalSeconds:0.###} s).");

    /// <summary>The answer after a failed call that is not retried (or was retried as often as allowed).</summary>
    public static ReplicaResponse After(CallOutcome outcome, string backend, bool safeToRetry) => outcome switch
    {
        CallOutcome.TimedOut => ReplicaResponse.Problem(504, "Gateway Timeout", $"Backend '{backend}' did not answer in time."),
        CallOutcome.NodeLost when !safeToRetry => ReplicaResponse.Problem(
            503,
            "Service Unavailable",
            $"The node running a replica of backend '{backend}' was lost during the call; the request was not retried because it may have run."),
        CallOutcome.NodeLost or CallOutcome.NotDelivered => ReplicaResponse.Problem(503, "Service Unavailable", $"No replica of backend '{backend}' could be reached."),
        _ => ReplicaResponse.Problem(503, "Service Unavailable", $"The call to a replica of backend '{backend}' failed; the node's log has the cause."),
    };
}
