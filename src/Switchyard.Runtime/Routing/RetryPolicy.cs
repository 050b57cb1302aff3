using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Routing;

/// <summary>
/// When a request may go to another replica: only when it cannot have run on the first one, or when running it
/// twice does no harm. A timeout is never retried (the call may still be running, and the caller's time is spent).
/// </summary>
internal static class RetryPolicy
{
    /// <summary>Attempts per request, the first included.</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// True when <paramref name="request"/> may run more than once: GET and HEAD, an inference call (a model's
    /// answer depends only on its inputs), or one its sender flagged.
    /// </summary>
    public static bool IsSafeToRetry(ReplicaRequest request) =>
        request.SafeToRetry
        || request.Inference
        || string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase)
        || string.Equals(request.Method, "HEAD", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when attempt number <paramref name="attempt"/> ended so that another replica should be tried.</summary>
    public static bool ShouldRetry(CallOutcome outcome, bool safeToRetry, int attempt) =>
        attempt < MaxAttempts && outcome switch
        {
            CallOutcome.NotRunning or CallOutcome.NotDelivered => true,
            CallOutcome.NodeLost => safeToRetry,
            _ => false,
        };

    /// <summary>True when the replica should be avoided for a while: it could not take the request.</summary>
    public static bool MarksSuspect(CallOutcome outcome) =>
        outcome is CallOutcome.NotRunning or CallOutcome.NotDelivered or CallOutcome.NodeLost;
}
