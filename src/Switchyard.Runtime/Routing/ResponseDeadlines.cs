namespace Switchyard.Runtime.Routing;

/// <summary>
/// Orleans' response timeout for calls that take the local path (no Orleans message, so no Orleans timer): hands
/// out tokens cancelled no sooner than the timeout after they were taken, and at most a fiftieth of it later. Calls
/// taken within one such slice share one token, so a call pays no timer and no allocation of its own.
/// </summary>
internal sealed class ResponseDeadlines
{
    private const int Slices = 50;

    /// <summary>Longer than this (e.g. Orleans' infinite timeout under a debugger) means no deadline at all.</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromDays(30);

    private readonly TimeProvider _time;
    private readonly TimeSpan _slice;
    private readonly long _sliceTicks;
    private readonly object _lock = new();
    private volatile Slice? _current;

    public ResponseDeadlines(TimeProvider time, TimeSpan timeout)
    {
        _time = time;
        Timeout = timeout;
        if (timeout > TimeSpan.Zero && timeout <= Longest)
        {
            _slice = timeout / Slices;
            _sliceTicks = Math.Max(1, (long)(_slice.TotalSeconds * time.TimestampFrequency));
        }
    }

    /// <summary>How long a call may take before it is given up (Orleans' <c>ResponseTimeout</c>).</summary>
    public TimeSpan Timeout { get; }

    /// <summary>A token that is cancelled once a call that starts now has had its time; <see cref="CancellationToken.None"/> when there is no limit.</summary>
    public CancellationToken Next()
    {
        if (_sliceTicks == 0)
        {
            return CancellationToken.None;
        }

        var now = _time.GetTimestamp();
        return _current is { } slice && now < slice.Ends ? slice.Source.Token : Roll(now);
    }

    private CancellationToken Roll(long now)
    {
        lock (_lock)
        {
            if (_current is not { } slice || now >= slice.Ends)
            {
                // Cancelled a whole slice past the timeout: every call taken in this slice has had its time by then.
                // Never disposed: once cancelled its timer is gone, and calls still running may hold its token.
                slice = new Slice(now + _sliceTicks, new CancellationTokenSource(Timeout + _slice, _time));
                _current = slice;
            }

            return slice.Source.Token;
        }
    }

    private sealed record Slice(long Ends, CancellationTokenSource Source);
}
