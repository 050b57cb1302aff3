using Microsoft.Extensions.Logging;

namespace Switchyard.Runtime.Diagnostics;

/// <summary>Log messages of the replicas (2000–2999) and the router (3000–3999) added with the replica worker.</summary>
internal static partial class Log
{
    [LoggerMessage(2004, LogLevel.Warning, "Replica {Replica} did not start within replica_start_timeout_s ({TimeoutSeconds} s); it is failed, and its backend is disposed if its constructor ever returns")]
    public static partial void ReplicaStartTimedOut(ILogger logger, string replica, double timeoutSeconds);

    [LoggerMessage(2005, LogLevel.Warning, "Disposing the backend of replica {Replica} threw; the replica stops anyway")]
    public static partial void BackendDisposeFailed(ILogger logger, string replica, Exception exception);

    [LoggerMessage(2006, LogLevel.Debug, "Replica {Replica}: the backend finished starting after the replica stopped or failed; disposed it")]
    public static partial void LateBackendDisposed(ILogger logger, string replica);

    [LoggerMessage(3004, LogLevel.Warning, "Endpoint {Endpoint}: {Errors} of the {Requests} requests rollout target {Target} answered on this node failed, above max_error_rate {MaxErrorRate}; this node routes by the policy from before the rollout until the controller rolls it back")]
    public static partial void RolloutBreakerTripped(ILogger logger, string endpoint, string target, long errors, long requests, double maxErrorRate);

    [LoggerMessage(3003, LogLevel.Warning, "Call to replica {Replica} failed ({Outcome})")]
    public static partial void ReplicaCallFailed(ILogger logger, string replica, string outcome, Exception exception);
}
