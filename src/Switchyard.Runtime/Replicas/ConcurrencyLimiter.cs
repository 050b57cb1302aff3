namespace Switchyard.Runtime.Replicas;

/// <summary>An adjustable limit on concurrent work with a FIFO of waiters (a resizable semaphore).</summary>
internal sealed class ConcurrencyLimiter
{
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly object _lock = new();
    private int _limit;
    private int _inUse;

    public ConcurrencyLimiter(int limit) => _limit = limit;

    public int InUse => Volatile.Read(ref _inUse);

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_inUse < _limit && _waiters.Count == 0)
            {
                _inUse++;
                return ValueTask.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }

        return new ValueTask(WaitAsync(waiter, cancellationToken));
    }

    public void Release()
    {
        lock (_lock)
        {
            _inUse--;
            PromoteWaiters();
        }
    }

    public void SetLimit(int limit)
    {
        lock (_lock)
        {
            _limit = limit;
            PromoteWaiters();
        }
    }

    private async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                // Granted at the same moment it was cancelled: hand the slot on.
                if (!waiter.TrySetCanceled())
                {
                    _inUse--;
                    PromoteWaiters();
                }
            }

            throw;
        }
    }

    private void PromoteWaiters()
    {
        while (_inUse < _limit && _waiters.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                _inUse++;
            }
        }
    }
}
