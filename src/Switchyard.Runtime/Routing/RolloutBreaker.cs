namespace Switchyard.Runtime.Routing;

/// <summary>
/// One node's watch over one rollout step: counts what the target answered here and, once at least
/// <c>min_requests</c> were answered and more than <c>max_error_rate</c> of them were server errors, trips, and the
/// endpoint routes by the table from before the rollout on this node until the controller's rollback arrives. The
/// controller still judges the step over every node's figures (and p99 latency); this only stops the damage the
/// moment this node has seen enough of it, without waiting for a report. Lock-free; pure logic.
/// </summary>
internal sealed class RolloutBreaker(RolloutGuard guard, BackendLane target)
{
    private long _requests;
    private long _errors;
    private int _tripped;

    public RolloutGuard Guard => guard;

    public BackendLane Target => target;

    public bool Tripped => Volatile.Read(ref _tripped) == 1;

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Whether <paramref name="other"/> watches the same step of the same rollout (so its counts carry over).</summary>
    public bool Watches(RolloutGuard other) =>
        string.Equals(guard.Target, other.Target, StringComparison.Ordinal) && guard.Step == other.Step && guard.StepStartedTicks == other.StepStartedTicks;

    /// <summary>Counts one answer of <paramref name="lane"/>; true when this answer tripped the breaker.</summary>
    public bool Record(BackendLane lane, int statusCode)
    {
        if (!ReferenceEquals(lane, target) || Tripped)
        {
            return false;
        }

        var requests = Interlocked.Increment(ref _requests);
        var errors = statusCode >= 500 ? Interlocked.Increment(ref _errors) : Interlocked.Read(ref _errors);
        if (requests < Math.Max(1, guard.MinRequests) || (double)errors / requests <= guard.MaxErrorRate)
        {
            return false;
        }

        return Interlocked.CompareExchange(ref _tripped, 1, 0) == 0;
    }
}
