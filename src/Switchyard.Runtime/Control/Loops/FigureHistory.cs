namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// The last five minutes of every backend's figures, for the dashboard: one <see cref="FigureSeries"/> per backend,
/// fixed in size, fed with every node's report as it arrives (stamped with the controller's clock) and dropped with
/// its backend. Memory only: a new controller starts with an empty history. Pure logic.
/// </summary>
internal sealed class FigureHistory
{
    private readonly Dictionary<string, FigureSeries> _byBackend = new(StringComparer.Ordinal);
    private TimeSpan _interval = TimeSpan.FromSeconds(1);

    /// <summary>Adds one node's sample for one backend, reported at <paramref name="at"/> over the <paramref name="interval"/> before it.</summary>
    public void Add(DateTimeOffset at, TimeSpan interval, FigureSample sample)
    {
        if (!_byBackend.TryGetValue(sample.Backend, out var series))
        {
            _byBackend[sample.Backend] = series = new FigureSeries();
        }

        series.Add(at, interval, sample);
        _interval = interval;
    }

    /// <summary>Forgets the series of backends that no longer exist.</summary>
    public void Retain(Func<string, bool> exists)
    {
        foreach (var backend in _byBackend.Keys.Where(b => !exists(b)).ToList())
        {
            _byBackend.Remove(backend);
        }
    }

    /// <summary>
    /// The last second the series show as of <paramref name="now"/> (Unix seconds): one second and one report
    /// interval before it, since later seconds may still get reports from some nodes and would show too low.
    /// </summary>
    public long EndSecond(DateTimeOffset now) =>
        (long)Math.Floor(now.ToUnixTimeMilliseconds() / 1000.0) - 1 - (long)Math.Ceiling(Math.Min(_interval.TotalSeconds, FigureSeries.Points));

    /// <summary>Every backend's series as of <paramref name="now"/>, by name, all ending at <see cref="EndSecond"/>.</summary>
    public Dictionary<string, SeriesView> Views(DateTimeOffset now)
    {
        var end = EndSecond(now);
        return _byBackend.ToDictionary(b => b.Key, b => b.Value.View(end), StringComparer.Ordinal);
    }
}
