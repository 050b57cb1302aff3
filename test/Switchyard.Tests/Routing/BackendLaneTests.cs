using Switchyard.Runtime.Routing;


namespace Switchyard.Tests.Routing;

public sealed class BackendLaneTests
{
    private static ReplicaSlot Slot(string tag) => new(tag, null!);

    [Fact]
    public void TryAcquire_AllReplicasFull_ReturnsNull()
    {
        var lane = new BackendLane("b", new LaneSettings([Slot("r1"), Slot("r2")], 2, -1, null));
        for (var i = 0; i < 4; i++)
        {
            Assert.NotNull(lane.TryAcquire());
        }

        Assert.Null(lane.TryAcquire());
    }

    [Fact]
    public void TryAcquire_ManyRequests_SpreadsOverReplicas()
    {
        var slots = new[] { Slot("r1"), Slot("r2"), Slot("r3") };
        var lane = new BackendLane("b", new LaneSettings(slots, 100, -1, null));
        for (var i = 0; i < 90; i++)
        {
            lane.TryAcquire();
        }

        Assert.All(slots, s => Assert.InRange(s.InFlight, 20, 40));
    }

    [Fact]
    public void TryAcquire_SuspectReplica_AvoidedWhileOthersHaveRoom()
    {
        var slots = new[] { Slot("r1"), Slot("r2") };
        slots[0].MarkSuspect(TimeSpan.FromMinutes(1));
        var lane = new BackendLane("b", new LaneSettings(slots, 10, -1, null));
        for (var i = 0; i < 10; i++)
        {
            Assert.Same(slots[1], lane.TryAcquire());
        }

        Assert.Same(slots[0], lane.TryAcquire()); // the only one with room left
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_ReturnsNullAtOnce()
    {
        var lane = new BackendLane("b", new LaneSettings([Slot("r1")], 1, 1, null));
        var held = lane.TryAcquire()!;
        var queued = lane.AcquireAsync(CancellationToken.None);
        Assert.False(queued.IsCompleted);
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
        lane.Release(held);
        Assert.Same(held, await queued);
    }

    [Fact]
    public async Task AcquireAsync_NoQueueAllowed_ReturnsNull()
    {
        var lane = new BackendLane("b", new LaneSettings([Slot("r1")], 1, 0, null));
        Assert.NotNull(lane.TryAcquire());
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_NoReplicas_ReturnsNull()
    {
        var lane = new BackendLane("b", new LaneSettings([], 1, -1, null));
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiter_DoesNotSwallowTheNextRelease()
    {
        var lane = new BackendLane("b", new LaneSettings([Slot("r1")], 1, -1, null));
        var held = lane.TryAcquire()!;
        using var cancel = new CancellationTokenSource();
        var first = lane.AcquireAsync(cancel.Token).AsTask();
        var second = lane.AcquireAsync(CancellationToken.None).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        lane.Release(held);
        Assert.Same(held, await second.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, lane.Queued);
    }

    [Fact]
    public async Task Update_NewReplica_WakesWaiters()
    {
        var r1 = Slot("r1");
        var lane = new BackendLane("b", new LaneSettings([r1], 1, -1, null));
        lane.TryAcquire();
        var waiting = lane.AcquireAsync(CancellationToken.None).AsTask();
        var r2 = Slot("r2");
        lane.Update(new LaneSettings([r1, r2], 1, -1, null));
        Assert.Same(r2, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
