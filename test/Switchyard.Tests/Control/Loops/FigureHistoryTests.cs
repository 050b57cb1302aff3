using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Control.Loops;

namespace Switchyard.Tests.Control.Loops;

public sealed class FigureHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FigureSample Sample(string backend, long ok) => new(backend, 0, [0, ok, 0, 0, 0], []);

    [Fact]
    public void Views_EveryBackend_EndingOneIntervalAndOneSecondBeforeNow()
    {
        var time = new FakeTimeProvider(T0);
        var history = new FigureHistory();
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            history.Add(time.GetUtcNow(), TimeSpan.FromSeconds(1), Sample("a", 1));
            history.Add(time.GetUtcNow(), TimeSpan.FromSeconds(1), Sample("b", 2));
        }

        time.Advance(TimeSpan.FromMilliseconds(300));
        var views = history.Views(time.GetUtcNow());

        Assert.Equal(["a", "b"], views.Keys.Order());
        Assert.All(views.Values, v => Assert.Equal(T0.ToUnixTimeSeconds() + 3, v.EndSecond));
        Assert.Equal(2, views["b"].RequestsPerS[^1], 9);
    }

    [Fact]
    public void Retain_BackendGone_ItsSeriesForgotten()
    {
        var history = new FigureHistory();
        history.Add(T0, TimeSpan.FromSeconds(1), Sample("kept", 1));
        history.Add(T0, TimeSpan.FromSeconds(1), Sample("deleted", 1));

        history.Retain(b => b == "kept");

        Assert.Equal(["kept"], history.Views(T0).Keys);
    }
}
