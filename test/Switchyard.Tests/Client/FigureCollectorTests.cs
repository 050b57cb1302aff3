using Switchyard.Runtime.Client;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Routing;
using Switchyard.Tests.Routing;

namespace Switchyard.Tests.Client;

public sealed class FigureCollectorTests
{
    private static ReplicaSlot Slot(string tag) => new(tag, new FakeReplicaChannel());

    [Fact]
    public void Build_SamplesAndAnswers_OngoingAveragedAndCountsSinceTheLastCommit()
    {
        var slot = Slot("r1");
        var lane = new BackendLane("b", new LaneSettings([slot], 10, -1, null), TimeProvider.System);
        var collector = new FigureCollector();
        slot.InFlight = 2;
        collector.Sample([lane]);
        slot.InFlight = 4;
        collector.Sample([lane]);
        lane.Figures.Record(200, TimeSpan.FromMilliseconds(5));
        lane.Figures.Record(500, TimeSpan.FromMilliseconds(5));

        var first = collector.Build("n1", TimeSpan.FromSeconds(1), [lane]);
        collector.Commit(first);
        lane.Figures.Record(200, TimeSpan.FromMilliseconds(5));
        collector.Sample([lane]);
        var second = collector.Build("n1", TimeSpan.FromSeconds(1), [lane]);

        var b = Assert.Single(first.Backends);
        Assert.Equal(("n1", 1.0, 3.0), (first.NodeId, first.IntervalS, b.OngoingRequests));
        Assert.Equal([0L, 1, 0, 0, 1], b.StatusClasses);
        Assert.Equal([LatencyBuckets.Index(TimeSpan.FromMilliseconds(5))], b.LatencyBuckets);
        Assert.Equal([2L], b.LatencyCounts);
        Assert.Equal([0L, 1, 0, 0, 0], second.Backends[0].StatusClasses);
        Assert.Equal(4.0, second.Backends[0].OngoingRequests);
    }

    [Fact]
    public void Build_ReportNotAcknowledged_NextReportCarriesItsCountsToo()
    {
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null), TimeProvider.System);
        var collector = new FigureCollector();
        lane.Figures.Record(200, TimeSpan.FromMilliseconds(5));
        collector.Build("n1", TimeSpan.FromSeconds(1), [lane]); // lost on its way
        lane.Figures.Record(200, TimeSpan.FromMilliseconds(5));

        var next = collector.Build("n1", TimeSpan.FromSeconds(2), [lane]);

        Assert.Equal(2, next.Backends[0].StatusClasses[1]);
    }

    [Fact]
    public void Build_LaneMadeAfresh_CountsFromZero()
    {
        var collector = new FigureCollector();
        var old = new BackendLane("b", new LaneSettings([], 10, -1, null), TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            old.Figures.Record(200, TimeSpan.FromMilliseconds(5));
        }

        collector.Commit(collector.Build("n1", TimeSpan.FromSeconds(1), [old]));
        var fresh = new BackendLane("b", new LaneSettings([], 10, -1, null), TimeProvider.System);
        fresh.Figures.Record(200, TimeSpan.FromMilliseconds(5));

        Assert.Equal(1, collector.Build("n1", TimeSpan.FromSeconds(1), [fresh]).Backends[0].StatusClasses[1]);
    }

    [Fact]
    public void Build_TalliedBatchesAndQueue_CallsSinceTheLastCommitAndQueueAveraged()
    {
        var tallies = new BackendTallies();
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null), TimeProvider.System);
        tallies.Of("b").BatchTaken(7); // before the lane was first seen: not this node's report's business
        var collector = new FigureCollector(tallies);
        collector.Sample([lane]);
        tallies.Of("b").BatchTaken(4);
        tallies.Of("b").BatchTaken(2);
        tallies.Of("b").QueuedChanged(3);
        collector.Sample([lane]);
        tallies.Of("b").QueuedChanged(-2);
        collector.Sample([lane]);

        var first = collector.Build("n1", TimeSpan.FromSeconds(1), [lane]).Backends[0];
        collector.Commit(new() { NodeId = "n1", Backends = [first] });
        tallies.Of("b").BatchTaken(1);
        var second = collector.Build("n1", TimeSpan.FromSeconds(1), [lane]).Backends[0];

        Assert.Equal((2L, 6L, 4.0 / 3), (first.Batches, first.BatchedRequests, first.QueuedRequests));
        Assert.Equal((1L, 1L, 1.0), (second.Batches, second.BatchedRequests, second.QueuedRequests));
    }
}
