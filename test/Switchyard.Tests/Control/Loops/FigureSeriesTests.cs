using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Control.Loops;

public sealed class FigureSeriesTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly long S0 = T0.ToUnixTimeSeconds();

    private static FigureSample Sample(long ok = 0, long errors = 0, double latencyMs = 5, double queued = 0, double ongoing = 0, long batches = 0, long batched = 0) =>
        new("b", ongoing, [0, ok, 0, 0, errors], ok + errors == 0 ? [] : [new(LatencyBuckets.Index(TimeSpan.FromMilliseconds(latencyMs)), ok + errors)], queued, batches, batched);

    /// <summary>The point of second <paramref name="second"/> (Unix seconds) in <paramref name="view"/>.</summary>
    private static int At(SeriesView view, long second) => (int)(second - (view.EndSecond - view.Length + 1));

    [Fact]
    public void View_OneReportPerSecond_EveryFigurePerSecond()
    {
        var time = new FakeTimeProvider(T0);
        var series = new FigureSeries();
        for (var i = 0; i < 10; i++)
        {
            time.Advance(Second);
            series.Add(time.GetUtcNow(), Second, Sample(ok: 9, errors: 1, latencyMs: 5, queued: 2, ongoing: 3, batches: 4, batched: 10));
        }

        var view = series.View(S0 + 8);
        var p = At(view, S0 + 7);

        Assert.Equal(FigureSeries.Points, view.Length);
        Assert.Equal(10, view.RequestsPerS[p], 9);
        Assert.Equal(0.1, view.ErrorRate[p], 9);
        Assert.InRange(view.P50Ms[p], 4.5, 5.7);
        Assert.InRange(view.P99Ms[p], 4.5, 5.7);
        Assert.Equal(2.5, view.BatchSize[p], 9);
        Assert.Equal(2, view.Queued[p], 9);
        Assert.Equal(3, view.Ongoing[p], 9);
        Assert.True(double.IsNaN(view.RequestsPerS[At(view, S0 - 5)]), "a second before the first report is a gap");
    }

    [Fact]
    public void Add_ReportAcrossASecondBoundary_SpreadByOverlap()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(1.25), Second, Sample(ok: 8, queued: 4));

        var view = series.View(S0 + 1);

        Assert.Equal(6, view.RequestsPerS[At(view, S0)], 9);
        Assert.Equal(2, view.RequestsPerS[At(view, S0 + 1)], 9);
        Assert.Equal(3, view.Queued[At(view, S0)], 9);
        Assert.Equal(1, view.Queued[At(view, S0 + 1)], 9);
    }

    [Fact]
    public void View_TwoNodes_RatesAndQueuesSummed()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(1), Second, Sample(ok: 5, queued: 1, batches: 1, batched: 4));
        series.Add(T0.AddSeconds(1), Second, Sample(ok: 7, queued: 2, batches: 3, batched: 4));

        var view = series.View(S0);
        var p = At(view, S0);

        Assert.Equal((12.0, 3.0, 2.0), (view.RequestsPerS[p], view.Queued[p], view.BatchSize[p]));
    }

    [Fact]
    public void View_NoRequests_RateZeroOtherFiguresAbsent()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(1), Second, Sample());

        var view = series.View(S0);
        var p = At(view, S0);

        Assert.Equal(0, view.RequestsPerS[p]);
        Assert.True(double.IsNaN(view.ErrorRate[p]) && double.IsNaN(view.P50Ms[p]) && double.IsNaN(view.BatchSize[p]));
    }

    [Fact]
    public void View_TenMinutesOfReports_ExactlyTheLastFiveMinutes()
    {
        var time = new FakeTimeProvider(T0);
        var series = new FigureSeries();
        for (var i = 0; i < 600; i++)
        {
            time.Advance(Second);
            series.Add(time.GetUtcNow(), Second, Sample(ok: i < 290 ? 1000 : 10, latencyMs: i < 290 ? 900 : 5));
        }

        var end = S0 + 598;
        var view = series.View(end);

        Assert.Equal(300, view.Length);
        Assert.Equal(end, view.EndSecond);
        Assert.All(view.RequestsPerS, r => Assert.Equal(10, r, 9));
        Assert.All(view.P99Ms, l => Assert.InRange(l, 4.5, 5.7));
    }

    [Fact]
    public void View_SecondsBeyondTheRing_AreGaps()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(1), Second, Sample(ok: 3));
        series.Add(T0.AddSeconds(1000), Second, Sample(ok: 4));

        var view = series.View(S0 + 999);

        Assert.Equal(4, view.RequestsPerS[At(view, S0 + 999)], 9);
        Assert.Equal(1, view.RequestsPerS.Count(double.IsFinite));
    }

    [Fact]
    public void View_ClosedSecond_KeepsItsLatencyQuantiles()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(3), Second, Sample(ok: 100, latencyMs: 100));
        for (var i = 4; i < 30; i++)
        {
            series.Add(T0.AddSeconds(i), Second, Sample(ok: 100, latencyMs: 1));
        }

        var view = series.View(S0 + 28);

        Assert.InRange(view.P50Ms[At(view, S0 + 2)], 90, 115);
        Assert.InRange(view.P99Ms[At(view, S0 + 20)], 0.9, 1.2);
    }

    [Fact]
    public void Add_ReportLaterThanTheOpenSeconds_CountsKeptLatencyLeftOut()
    {
        var series = new FigureSeries();
        series.Add(T0.AddSeconds(10), Second, Sample(ok: 1, latencyMs: 1));
        series.Add(T0.AddSeconds(30), Second, Sample(ok: 1, latencyMs: 1));
        series.Add(T0.AddSeconds(10), Second, Sample(ok: 1, latencyMs: 50));

        var view = series.View(S0 + 30);

        Assert.Equal(2, view.RequestsPerS[At(view, S0 + 9)], 9);
        Assert.InRange(view.P99Ms[At(view, S0 + 9)], 0.9, 1.2);
    }
}
