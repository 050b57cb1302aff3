using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

public sealed class BackendLaneTests
{
    private readonly FakeTimeProvider _time = new();

    private static ReplicaSlot Slot(string tag) => new(tag, new FakeReplicaChannel());

    private BackendLane Lane(ReplicaSlot[] slots, int maxConcurrent, int maxQueued) =>
        new("b", new LaneSettings(slots, maxConcurrent, maxQueued, null), _time);

    [Fact]
    public void TryAcquire_AllReplicasFull_ReturnsNull()
    {
        var lane = Lane([Slot("r1"), Slot("r2")], 2, -1);
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
        var lane = Lane(slots, 100, -1);
        for (var i = 0; i < 90; i++)
        {
            lane.TryAcquire();
        }

        Assert.All(slots, s => Assert.InRange(s.InFlight, 20, 40));
    }

    [Fact]
    public void TryAcquire_SuspectReplica_AvoidedEvenWhenTheOthersAreFull()
    {
        var slots = new[] { Slot("r1"), Slot("r2") };
        var lane = Lane(slots, 10, -1);
        lane.MarkSuspect(slots[0], TimeSpan.FromMinutes(1));
        for (var i = 0; i < 10; i++)
        {
            Assert.Same(slots[1], lane.TryAcquire());
        }

        Assert.Null(lane.TryAcquire()); // wait for the healthy one rather than go where a call just failed
        Assert.Equal(0, slots[0].InFlight);
    }

    [Fact]
    public void TryAcquire_EveryReplicaSuspect_TakenAnyway()
    {
        var slots = new[] { Slot("r1"), Slot("r2") };
        var lane = Lane(slots, 1, -1);
        lane.MarkSuspect(slots[0], TimeSpan.FromMinutes(1));
        lane.MarkSuspect(slots[1], TimeSpan.FromMinutes(1));
        Assert.NotNull(lane.TryAcquire());
        Assert.NotNull(lane.TryAcquire());
        Assert.Null(lane.TryAcquire());
    }

    [Fact]
    public async Task AcquireAsync_HealthyReplicaFull_WaitsForItNotTheSuspect()
    {
        var slots = new[] { Slot("r1"), Slot("r2") };
        var lane = Lane(slots, 1, -1);
        lane.MarkSuspect(slots[0], TimeSpan.FromMinutes(1));
        var held = lane.TryAcquire();
        Assert.Same(slots[1], held);
        var waiting = lane.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(waiting.IsCompleted);
        lane.Release(held!);
        Assert.Same(slots[1], await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void TryAcquire_SuspectPeriodOver_ReplicaChosenAgain()
    {
        var slots = new[] { Slot("r1"), Slot("r2") };
        var lane = Lane(slots, 100, -1);
        lane.MarkSuspect(slots[0], TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(4.9));
        for (var i = 0; i < 20; i++)
        {
            Assert.Same(slots[1], lane.TryAcquire());
        }

        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.False(slots[0].IsSuspect(_time));
        for (var i = 0; i < 20; i++)
        {
            lane.TryAcquire();
        }

        Assert.InRange(slots[0].InFlight, 15, 25); // the less loaded replica takes the new requests
    }

    [Fact]
    public async Task AcquireAsync_QueueFull_ReturnsNullAtOnce()
    {
        var lane = Lane([Slot("r1")], 1, 1);
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
        var lane = Lane([Slot("r1")], 1, 0);
        Assert.NotNull(lane.TryAcquire());
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_NoReplicas_ReturnsNull()
    {
        var lane = Lane([], 1, -1);
        Assert.Null(await lane.AcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiter_DoesNotSwallowTheNextRelease()
    {
        var lane = Lane([Slot("r1")], 1, -1);
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
    public async Task AcquireAsync_CancelledWaiters_LeaveTheQueueAtOnce()
    {
        var lane = Lane([Slot("r1")], 1, 3);
        lane.TryAcquire();
        using var cancel = new CancellationTokenSource();
        var waiting = Enumerable.Range(0, 3).Select(_ => lane.AcquireAsync(cancel.Token).AsTask()).ToList();
        Assert.Equal(3, lane.Waiting);
        Assert.Null(await lane.AcquireAsync(CancellationToken.None)); // the bound holds while they wait

        await cancel.CancelAsync();
        foreach (var task in waiting)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        // No release happened, yet nothing of them is left: the queue has room again.
        Assert.Equal(0, lane.Waiting);
        Assert.Equal(0, lane.Queued);
        var next = lane.AcquireAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);
        Assert.Equal(1, lane.Waiting);
    }

    [Fact]
    public async Task Update_NewReplica_WakesWaiters()
    {
        var r1 = Slot("r1");
        var lane = Lane([r1], 1, -1);
        lane.TryAcquire();
        var waiting = lane.AcquireAsync(CancellationToken.None).AsTask();
        var r2 = Slot("r2");
        lane.Update(new LaneSettings([r1, r2], 1, -1, null));
        Assert.Same(r2, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, lane.Waiting);
    }
}
