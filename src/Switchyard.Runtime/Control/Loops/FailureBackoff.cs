using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// How long a failed replica waits before it is replaced: 0.5 s after the first failure, doubling with each failure
/// in a row, at most 30 s. A replica that runs resets the count. Pure logic on <see cref="TimeProvider"/>.
/// </summary>
internal static class FailureBackoff
{
    public static TimeSpan First { get; } = TimeSpan.FromSeconds(0.5);

    public static TimeSpan Max { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the <paramref name="failures"/>-th failure in a row.</summary>
    public static TimeSpan Delay(int failures) =>
        failures <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Max.TotalSeconds, First.TotalSeconds * Math.Pow(2, failures - 1)));

    /// <summary>The status of a replica that just failed for <paramref name="reason"/>, retried once its backoff has passed.</summary>
    public static ReplicaStatus Fail(ReplicaStatus status, string reason, TimeProvider time)
    {
        var failures = status.Failures + 1;
        return status with { State = ReplicaState.Failed, Reason = reason, Failures = failures, RetryAt = After(time, Delay(failures)) };
    }

    /// <summary>The timestamp <paramref name="delay"/> from now.</summary>
    public static long After(TimeProvider time, TimeSpan delay) =>
        time.GetTimestamp() + (long)(delay.TotalSeconds * time.TimestampFrequency);

    public static bool IsDue(ReplicaStatus status, TimeProvider time) => time.GetTimestamp() >= status.RetryAt;
}
