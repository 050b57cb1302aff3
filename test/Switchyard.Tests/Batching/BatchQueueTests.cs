using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Batching;

namespace Switchyard.Tests.Batching;

public sealed class BatchQueueTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task TakeAsync_FullBatch_LeavesAtOnce()
    {
        var queue = new BatchQueue<int>(_time, 2, TimeSpan.FromSeconds(10));
        queue.Enqueue(1);
        queue.Enqueue(2);
        queue.Enqueue(3);
        Assert.Equal([1, 2], await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task TakeAsync_PartialBatch_LeavesWhenOldestHasWaitedTheTimeout()
    {
        var queue = new BatchQueue<int>(_time, 4, TimeSpan.FromMilliseconds(100));
        queue.Enqueue(1);
        var take = queue.TakeAsync(CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(50));
        queue.Enqueue(2);
        _time.Advance(TimeSpan.FromMilliseconds(49));
        await Task.Yield();
        Assert.False(take.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 2], await take.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TakeAsync_ZeroTimeout_TakesWhateverIsQueued()
    {
        var queue = new BatchQueue<int>(_time, 8, TimeSpan.Zero);
        queue.Enqueue(1);
        queue.Enqueue(2);
        queue.Enqueue(3);
        Assert.Equal([1, 2, 3], await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TakeAsync_ThreeRequestsBatchOfTwoLongTimeout_BatchesOfTwoThenOne()
    {
        var queue = new BatchQueue<int>(_time, 2, TimeSpan.FromSeconds(30));
        queue.Enqueue(1);
        queue.Enqueue(2);
        queue.Enqueue(3);
        Assert.Equal([1, 2], await queue.TakeAsync(CancellationToken.None));
        var second = queue.TakeAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal([3], await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TakeAsync_Empty_WaitsForFirstItem()
    {
        var queue = new BatchQueue<int>(_time, 1, TimeSpan.Zero);
        var take = queue.TakeAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(take.IsCompleted);
        queue.Enqueue(7);
        Assert.Equal([7], await take.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TakeAsync_KeepsArrivalOrder()
    {
        var queue = new BatchQueue<int>(_time, 100, TimeSpan.Zero);
        for (var i = 0; i < 50; i++)
        {
            queue.Enqueue(i);
        }

        Assert.Equal(Enumerable.Range(0, 50), await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TryRemove_WaitingItem_IsNotTaken()
    {
        var queue = new BatchQueue<int>(_time, 2, TimeSpan.Zero);
        queue.Enqueue(1);
        var token = queue.Enqueue(2);
        queue.Enqueue(3);
        Assert.True(queue.TryRemove(token));
        Assert.Equal([1, 3], await queue.TakeAsync(CancellationToken.None));
        Assert.False(queue.TryRemove(token));
    }

    [Fact]
    public async Task Configure_WhileItemsWait_AppliesToThem()
    {
        var queue = new BatchQueue<int>(_time, 4, TimeSpan.FromSeconds(60));
        queue.Enqueue(1);
        queue.Enqueue(2);
        var take = queue.TakeAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(take.IsCompleted);
        queue.Configure(2, TimeSpan.FromSeconds(60));
        Assert.Equal([1, 2], await take.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task TakeAsync_Cancelled_Throws()
    {
        var queue = new BatchQueue<int>(_time, 2, TimeSpan.Zero);
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
    }
}
