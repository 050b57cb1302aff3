using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Client;

namespace Switchyard.Tests.Client;

public sealed class ControllerRetryTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>Moves the fake clock on in small steps until <paramref name="task"/> ends (bounded).</summary>
    private async Task<T> DriveAsync<T>(Task<T> task)
    {
        for (var i = 0; i < 2000 && !task.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        Assert.True(task.IsCompleted, "the call neither finished nor failed within 100 s of fake time");
        return await task;
    }

    [Fact]
    public async Task ExecuteAsync_TransientTwice_RetriedWithGrowingWaitsUntilItAnswers()
    {
        var retry = new ControllerRetry(_time, TimeSpan.FromSeconds(60));
        var attempts = new List<DateTimeOffset>();

        var result = await DriveAsync(retry.ExecuteAsync(
            _ =>
            {
                attempts.Add(_time.GetUtcNow());
                return attempts.Count < 3 ? throw new SiloUnavailableException() : Task.FromResult(42);
            },
            CancellationToken.None));

        Assert.Equal(42, result);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= TimeSpan.FromMilliseconds(100));
        Assert.True(attempts[2] - attempts[1] >= TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task ExecuteAsync_NotTransient_ThrownAtOnce()
    {
        var retry = new ControllerRetry(_time, TimeSpan.FromSeconds(60));
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => retry.ExecuteAsync<int>(_ => { attempts++; throw new InvalidOperationException("bug"); }, CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_StillMovingAfterTheLimit_TheLastFailure()
    {
        var retry = new ControllerRetry(_time, TimeSpan.FromSeconds(2));
        var started = _time.GetUtcNow();
        var attempts = 0;

        var call = retry.ExecuteAsync<int>(_ => { attempts++; throw new SiloUnavailableException("moving"); }, CancellationToken.None);

        await Assert.ThrowsAsync<SiloUnavailableException>(() => DriveAsync(call));
        Assert.InRange(attempts, 4, 7);
        Assert.True(_time.GetUtcNow() - started >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ExecuteAsync_CallersTokenCancelledWhileWaiting_StopsRetrying()
    {
        var retry = new ControllerRetry(_time, TimeSpan.FromSeconds(60));
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        var call = retry.ExecuteAsync<int>(
            _ =>
            {
                if (++attempts == 2)
                {
                    cancel.Cancel();
                }

                throw new TimeoutException();
            },
            cancel.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DriveAsync(call));
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledInsideOrleansNotByTheCaller_Retried()
    {
        var retry = new ControllerRetry(_time, TimeSpan.FromSeconds(60));
        var attempts = 0;

        // Orleans cancels a directory lookup overtaken by a membership change while it places the controller.
        var result = await DriveAsync(retry.ExecuteAsync(
            _ => ++attempts == 1 ? throw new OperationCanceledException() : Task.FromResult(7),
            CancellationToken.None));

        Assert.Equal(7, result);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void IsTransient_WrappedByOrleans_LooksInside()
    {
        Assert.True(ControllerRetry.IsTransient(new OrleansException("x", new TimeoutException())));
        Assert.False(ControllerRetry.IsTransient(new OrleansException("x", new InvalidOperationException())));
        Assert.False(ControllerRetry.IsTransient(new OrleansException("x")));
    }
}
