using Switchyard.Runtime.Replicas;


namespace Switchyard.Tests.Replicas;

public sealed class ConcurrencyLimiterTests
{
    [Fact]
    public async Task AcquireAsync_OverLimit_WaitsForRelease()
    {
        var limiter = new ConcurrencyLimiter(1);
        await limiter.AcquireAsync(CancellationToken.None);
        var second = limiter.AcquireAsync(CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        limiter.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, limiter.InUse);
    }

    [Fact]
    public async Task SetLimit_Raised_AdmitsWaiters()
    {
        var limiter = new ConcurrencyLimiter(1);
        await limiter.AcquireAsync(CancellationToken.None);
        var second = limiter.AcquireAsync(CancellationToken.None).AsTask();
        limiter.SetLimit(2);
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, limiter.InUse);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiter_GivesNoSlotAway()
    {
        var limiter = new ConcurrencyLimiter(1);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        limiter.Release();
        Assert.Equal(0, limiter.InUse);
        await limiter.AcquireAsync(CancellationToken.None);
        Assert.Equal(1, limiter.InUse);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWaiters_LeaveTheQueueWithoutARelease()
    {
        var limiter = new ConcurrencyLimiter(1);
        await limiter.AcquireAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(cancel.Token).AsTask()).ToList();
        Assert.Equal(5, limiter.Waiting);
        await cancel.CancelAsync();
        foreach (var task in waiting)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        }

        Assert.Equal(0, limiter.Waiting);
        var next = limiter.AcquireAsync(CancellationToken.None).AsTask();
        limiter.Release();
        await next.WaitAsync(TimeSpan.FromSeconds(10)); // first in line now, not behind dead entries
        Assert.Equal(1, limiter.InUse);
    }
}
