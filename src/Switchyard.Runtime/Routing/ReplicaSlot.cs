namespace Switchyard.Runtime.Routing;

/// <summary>One replica as this node's router sees it: how to reach it and how many of this node's requests it holds.</summary>
internal sealed class ReplicaSlot
{
    public ReplicaSlot(string tag, IReplicaChannel channel)
    {
        Tag = tag;
        Channel = channel;
    }

    public string Tag { get; }

    public IReplicaChannel Channel { get; }

    /// <summary>Requests from this node in flight on the replica (changed only with <see cref="Interlocked"/>).</summary>
    public int InFlight;

    /// <summary>Until when (a <see cref="TimeProvider"/> timestamp) this replica is avoided; 0 when it is not.</summary>
    private long _suspectUntil;

    /// <summary>True while the replica is avoided. Reads the clock only for a replica that was marked.</summary>
    public bool IsSuspect(TimeProvider time)
    {
        var until = Volatile.Read(ref _suspectUntil);
        if (until == 0)
        {
            return false;
        }

        if (time.GetTimestamp() < until)
        {
            return true;
        }

        Interlocked.CompareExchange(ref _suspectUntil, 0, until);
        return false;
    }

    /// <summary>Avoids this replica for a while: its node may be gone, and the controller will replace it if so.</summary>
    public void MarkSuspect(TimeProvider time, TimeSpan period) =>
        Volatile.Write(ref _suspectUntil, Math.Max(1, time.GetTimestamp() + (long)(period.TotalSeconds * time.TimestampFrequency)));
}
