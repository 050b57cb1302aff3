namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// Tells the controller when it must read cluster membership afresh before it acts. It confirms that its node is an
/// active member at every tick (one a second); a longer gap since the last confirmation means this process may have
/// been paused (a long GC, a stalled VM) and declared dead meanwhile, so that another controller has taken over and
/// this one must not act on what it holds. The gap is shorter than failure detection can declare a node dead.
/// Pure logic over a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ActingFence(TimeProvider time)
{
    /// <summary>Longest gap after which the last confirmation still stands.</summary>
    public static TimeSpan MaxGap { get; } = TimeSpan.FromSeconds(1.25);

    private long _confirmedAt;
    private bool _confirmed;

    /// <summary>True when membership must be read again before acting (never confirmed, or too long ago).</summary>
    public bool NeedsRefresh => !_confirmed || time.GetElapsedTime(_confirmedAt) > MaxGap;

    /// <summary>This node was just seen to be an active member.</summary>
    public void Confirm()
    {
        _confirmedAt = time.GetTimestamp();
        _confirmed = true;
    }
}
