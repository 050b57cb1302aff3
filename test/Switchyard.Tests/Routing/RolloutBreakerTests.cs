using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

/// <summary>A node's breaker over one rollout step: trips on the target's own answers, once enough were seen.</summary>
public sealed class RolloutBreakerTests
{
    private static readonly BackendLane Old = Lane("v1");
    private static readonly BackendLane Target = Lane("v2");

    private static BackendLane Lane(string name) => new(name, new LaneSettings([], 1, 0, null), TimeProvider.System);

    internal static RolloutGuard Guard(int minRequests = 10, double maxErrorRate = 0.05, int step = 0, long started = 1) => new()
    {
        Target = "v2",
        Step = step,
        StepStartedTicks = started,
        MinRequests = minRequests,
        MaxErrorRate = maxErrorRate,
        Fallback = TrafficTable.Create(new Dictionary<string, double> { ["v1"] = 1 }),
    };

    [Fact]
    public void Record_FailuresBeforeMinRequests_NotTripped()
    {
        var breaker = new RolloutBreaker(Guard(minRequests: 10), Target);
        for (var i = 0; i < 9; i++)
        {
            Assert.False(breaker.Record(Target, 500));
        }

        Assert.False(breaker.Tripped);
        Assert.True(breaker.Record(Target, 500)); // the tenth: enough seen, all failed
        Assert.True(breaker.Tripped);
    }

    [Fact]
    public void Record_ErrorRateAboveThreshold_TripsExactlyOnce()
    {
        var breaker = new RolloutBreaker(Guard(minRequests: 20, maxErrorRate: 0.1), Target);
        var trips = 0;
        for (var i = 0; i < 100; i++)
        {
            trips += breaker.Record(Target, i % 5 == 4 ? 503 : 200) ? 1 : 0; // one in five fails
        }

        Assert.Equal(1, trips);
        Assert.True(breaker.Tripped);
        Assert.Equal(20, breaker.Requests); // it stops counting once tripped
        Assert.Equal(4, breaker.Errors);
    }

    [Fact]
    public void Record_ErrorRateAtOrBelowThreshold_NotTripped()
    {
        var breaker = new RolloutBreaker(Guard(minRequests: 10, maxErrorRate: 0.2), Target);
        for (var i = 0; i < 100; i++)
        {
            breaker.Record(Target, i % 5 == 4 ? 500 : 200); // exactly 0.2: not above it
        }

        Assert.False(breaker.Tripped);
    }

    [Fact]
    public void Record_ClientErrorsAndOtherBackends_NotCounted()
    {
        var breaker = new RolloutBreaker(Guard(minRequests: 1), Target);
        for (var i = 0; i < 50; i++)
        {
            breaker.Record(Old, 500);
            breaker.Record(Target, 404);
        }

        Assert.False(breaker.Tripped);
        Assert.Equal(50, breaker.Requests);
        Assert.Equal(0, breaker.Errors);
    }

    [Fact]
    public void Record_ManyThreads_TripsOnceAndCountsEveryAnswerBeforeIt()
    {
        var breaker = new RolloutBreaker(Guard(minRequests: 1000, maxErrorRate: 0.5), Target);
        var trips = 0;
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                if (breaker.Record(Target, 500))
                {
                    Interlocked.Increment(ref trips);
                }
            }
        });

        Assert.Equal(1, trips);
        Assert.InRange(breaker.Requests, 1000, 8000);
    }

    [Fact]
    public void Watches_SameStepOfSameRollout_OnlyThen()
    {
        var breaker = new RolloutBreaker(Guard(step: 1, started: 5), Target);
        Assert.True(breaker.Watches(Guard(step: 1, started: 5)));
        Assert.False(breaker.Watches(Guard(step: 2, started: 5)));
        Assert.False(breaker.Watches(Guard(step: 1, started: 6)));
    }
}
