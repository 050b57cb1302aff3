using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

/// <summary>Lanes of autoscaled backends: requests wait for a replica rather than being refused (scale from zero).</summary>
public sealed class BackendLaneHoldTests
{
    private static ReplicaSlot Slot(string tag) => new(tag, new FakeReplicaChannel());

    [Fact]
    public async Task AcquireAsync_NoReplicaButHolding_WaitsSignalsAndGetsTheReplicaThatArrives()
    {
        var signals = 0;
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null, HoldWhenEmpty: true), TimeProvider.System, demandWithoutReplica: () => Interlocked.Increment(ref signals));

        var waiting = lane.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, signals);
        Assert.Equal(1, lane.Ongoing);

        var replica = Slot("r1");
        lane.Update(new LaneSettings([replica], 10, -1, null, HoldWhenEmpty: true));

        Assert.Same(replica, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, lane.Ongoing);
    }

    [Fact]
    public async Task AcquireAsync_HoldingButNoQueueAllowed_RefusedAtOnce()
    {
        var lane = new BackendLane("b", new LaneSettings([], 10, 0, null, HoldWhenEmpty: true), TimeProvider.System);
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_HoldingThenBackendDeleted_WaiterGivesUp()
    {
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null, HoldWhenEmpty: true), TimeProvider.System);
        var waiting = lane.AcquireAsync(CancellationToken.None).AsTask();

        lane.Update(new LaneSettings([], 1, 0, null));

        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, lane.Queued);
    }

    [Fact]
    public async Task AcquireAsync_HoldingAndCancelled_LeavesTheQueue()
    {
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null, HoldWhenEmpty: true), TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var waiting = lane.AcquireAsync(cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, lane.Ongoing);
    }

    [Fact]
    public async Task AcquireAsync_NotHolding_NoReplicaRefusedWithoutSignal()
    {
        var signals = 0;
        var lane = new BackendLane("b", new LaneSettings([], 10, -1, null), TimeProvider.System, demandWithoutReplica: () => signals++);
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
        Assert.Equal(0, signals);
    }
}
