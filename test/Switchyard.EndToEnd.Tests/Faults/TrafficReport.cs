namespace Switchyard.EndToEnd.Tests.Faults;

/// <summary>What the clients of a <see cref="TrafficLoad"/> saw, for assertions and for the measured figures.</summary>
public sealed class TrafficReport(IReadOnlyList<TrafficOutcome> outcomes)
{
    public IReadOnlyList<TrafficOutcome> Outcomes { get; } = outcomes;

    public int Total => Outcomes.Count;

    public IReadOnlyList<TrafficOutcome> Failures { get; } = [.. outcomes.Where(o => !o.Succeeded).OrderBy(o => o.Ended)];

    public int Succeeded => Total - Failures.Count;

    public double SuccessRate => Total == 0 ? 0 : (double)Succeeded / Total;

    /// <summary>How long after <paramref name="fault"/> the last failed request ended (zero when none failed after it).</summary>
    public TimeSpan LastFailureAfter(TimeSpan fault) =>
        Failures.Where(f => f.Ended >= fault).Select(f => f.Ended - fault).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <summary>One line of figures and the first failures, for failure messages and the test log.</summary>
    public string Describe(TimeSpan? fault = null)
    {
        var line = $"{Succeeded}/{Total} succeeded ({SuccessRate:P3}), {Failures.Count} failed";
        if (fault is { } at && Failures.Count > 0)
        {
            line += $", last failure {LastFailureAfter(at).TotalSeconds:0.00}s after the fault";
        }

        var shown = Failures.Take(10).Select(f => "\n  " + (fault is { } t ? $"[{(f.Ended - t).TotalSeconds:+0.00;-0.00}s] " : string.Empty) + f);
        return line + string.Concat(shown);
    }
}
