using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Control.Loops;

public sealed class FigureWindowTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    internal static FigureSample Sample(string backend, double ongoing, long ok = 0, long errors = 0, double latencyMs = 10) =>
        new(backend, ongoing, [0, ok, 0, 0, errors], ok + errors == 0 ? [] : [new(LatencyBuckets.Index(TimeSpan.FromMilliseconds(latencyMs)), ok + errors)]);

    [Fact]
    public void Ongoing_TwoNodes_EachAveragedThenSummed()
    {
        var window = new FigureWindow();
        window.Add("a", T0.AddSeconds(1), Second, Sample("b", 2));
        window.Add("a", T0.AddSeconds(2), Second, Sample("b", 4));
        window.Add("n2", T0.AddSeconds(2), Second, Sample("b", 5));

        Assert.Equal(8, window.Ongoing("b", T0, T0.AddSeconds(2)));
    }

    [Fact]
    public void Ongoing_OnlyTheLookBack_OlderSamplesLeftOut()
    {
        var window = new FigureWindow();
        window.Add("a", T0.AddSeconds(1), Second, Sample("b", 100));
        window.Add("a", T0.AddSeconds(5), Second, Sample("b", 2));

        Assert.Equal(2, window.Ongoing("b", T0.AddSeconds(3), T0.AddSeconds(5)));
    }

    [Fact]
    public void Ongoing_NodeWithoutSampleInTheLookBack_CountsWithItsLatestWhileFresh()
    {
        var window = new FigureWindow();
        window.Add("slow", T0.AddSeconds(3), Second, Sample("b", 7));
        window.Add("a", T0.AddSeconds(4.6), Second, Sample("b", 1));

        Assert.Equal(8, window.Ongoing("b", T0.AddSeconds(4.5), T0.AddSeconds(4.6)));
        Assert.Equal(1, window.Ongoing("b", T0.AddSeconds(5.5), T0.AddSeconds(5.5)));
        Assert.Null(window.Ongoing("other", T0, T0.AddSeconds(4)));
    }

    [Fact]
    public void Answered_SinceAMoment_CountsAndP99OverEveryNode()
    {
        var window = new FigureWindow();
        window.Add("a", T0.AddSeconds(1), Second, Sample("b", 0, ok: 50, latencyMs: 500));
        window.Add("a", T0.AddSeconds(3), Second, Sample("b", 0, ok: 95, errors: 3, latencyMs: 10));
        window.Add("n2", T0.AddSeconds(3), Second, Sample("b", 0, ok: 0, errors: 2, latencyMs: 300));

        var seen = window.Answered("b", T0.AddSeconds(2));

        Assert.Equal((100L, 5L), (seen.Requests, seen.Errors));
        Assert.Equal(0.05, seen.ErrorRate!.Value, 12);
        Assert.InRange(seen.P99LatencyMs!.Value, 250, 320);
    }

    [Fact]
    public void Prune_OldSamples_Forgotten()
    {
        var window = new FigureWindow();
        window.Add("a", T0, Second, Sample("b", 3, ok: 10));
        window.Prune(T0.AddSeconds(1));

        Assert.Equal(0, window.Answered("b", T0.AddSeconds(-10)).Requests);
        Assert.Null(window.Ongoing("b", T0.AddSeconds(-10), T0));
    }

    [Fact]
    public void Live_LastSeconds_RatePerSecondErrorShareAndQuantiles()
    {
        var window = new FigureWindow();
        window.Add("a", T0.AddSeconds(1), Second, Sample("b", 0, ok: 1000, latencyMs: 900));
        window.Add("a", T0.AddSeconds(8), Second, Sample("b", 0, ok: 90, errors: 10, latencyMs: 4));
        window.Add("n2", T0.AddSeconds(9), Second, Sample("b", 0, ok: 100, latencyMs: 4));

        var live = window.Live("b", T0.AddSeconds(10), TimeSpan.FromSeconds(5))!;

        Assert.Equal(40, live.RequestsPerS, 9);
        Assert.Equal(0.05, live.ErrorRate!.Value, 9);
        Assert.InRange(live.P50Ms!.Value, 3.5, 4.6);
        Assert.InRange(live.P99Ms!.Value, 3.5, 4.6);
        Assert.Null(window.Live("b", T0.AddSeconds(30), TimeSpan.FromSeconds(5)));
        Assert.Null(window.Live("other", T0.AddSeconds(10), TimeSpan.FromSeconds(5)));
    }
}
