using System.Diagnostics;

namespace Switchyard.Runtime.Hosting;

/// <summary>
/// The clock of Orleans' membership and health monitoring (the <c>Orleans.Membership</c> time provider): real time,
/// with timestamps counted from when the node made it instead of from the machine's boot.
/// </summary>
/// <remarks>
/// Orleans' watchdog starts its platform thread before it sets the component check's first timestamp, so the
/// platform thread's first look can read that timestamp as 0 and, with the system clock, measure the machine's whole
/// uptime: a warning "Participant check thread has not completed for [the uptime], potentially indicating lock
/// contention or deadlock" on a node that just started, and a health complaint that long which counts against the node's own health score (lengthening its probes) just after
/// it starts. Counted from this clock's creation (when the silo is built), that first look measures under the two
/// check periods the watchdog allows. Only differences between timestamps are ever used, so nothing else changes.
/// </remarks>
internal sealed class MembershipClock : TimeProvider
{
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
