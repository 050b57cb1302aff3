using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// What a health check's answer means for a replica. A draining replica that no longer answers is gone; a live one
/// that cannot be reached, or that answers it never started (its node or activation went away), has failed and is
/// replaced after its backoff; one adopted from the store after a restart of the whole cluster is replaced at once.
/// Pure logic.
/// </summary>
internal static class HealthJudge
{
    /// <summary>Whether a replica in this status is asked at all (failed and pending ones wait for reconciliation).</summary>
    public static bool NeedsCheck(ReplicaEntry entry, ReplicaStatus status) =>
        entry.Draining || status.State is ReplicaState.Starting or ReplicaState.Running;

    /// <summary>The replica's next status, or null when it is gone and its entry should be removed.</summary>
    public static ReplicaStatus? Judge(ReplicaEntry entry, ReplicaStatus status, HealthAnswer answer, TimeProvider time)
    {
        if (entry.Draining)
        {
            return !answer.Answered || answer.State is null or ReplicaState.Stopped ? null : status;
        }

        if (!answer.Answered)
        {
            return FailureBackoff.Fail(status, $"replica unreachable: {answer.Error ?? "no answer"}", time);
        }

        if (answer.State is null)
        {
            return status.StartRequested
                ? FailureBackoff.Fail(status, "replica was lost (its node or activation went away)", time)
                : status with { State = ReplicaState.Failed, Reason = "restarting after a restart of the cluster", RetryAt = 0 };
        }

        return answer.State != status.State && answer.State is ReplicaState.Running or ReplicaState.Failed
            ? status with { State = answer.State.Value, StartRequested = true }
            : status;
    }

    /// <summary>A retired replica is forgotten once it is stopped or gone; one still live lost its drain and is told again.</summary>
    public static RetiredVerdict JudgeRetired(HealthAnswer answer) => answer switch
    {
        { Answered: false } or { State: null or ReplicaState.Stopped } => RetiredVerdict.Gone,
        { State: ReplicaState.Draining } => RetiredVerdict.Draining,
        _ => RetiredVerdict.DrainAgain,
    };
}
