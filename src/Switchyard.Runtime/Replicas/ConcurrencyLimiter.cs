namespace Switchyard.Runtime.Replicas;

/// <summary>
/// An adjustable limit on concurrent work with a FIFO of waiters (a resizable semaphore). A waiter that gives up
/// leaves the queue at once, so it neither holds memory nor stands in front of later callers.
/// </summary>
internal sealed class ConcurrencyLimiter
{
    private readonly LinkedList<TaskCompletionSource> _waiters = new();
    private readonly object _lock = new();
    private int _limit;
    private int _inUse;

    public ConcurrencyLimiter(int limit) => _limit = limit;

    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Callers waiting for a slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    public ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource> waiter;
        lock (_lock)
        {
            if (_inUse < _limit && _waiters.Count == 0)
            {
                _inUse++;
                return ValueTask.CompletedTask;
            }

            waiter = _waiters.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

    private async Task WaitAsync(LinkedListNode<TaskCompletionSource> waiter, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Value.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (waiter.List is not null)
                {
                    _waiters.Remove(waiter);
                }
                else
                {
                    // Granted at the same moment it was cancelled: hand the slot on.
                    _inUse--;
                    PromoteWaiters();
                }
            }

            throw;
        }
    }

    private void PromoteWaiters()
    {
        while (_inUse < _limit && _waiters.First is { } next)
        {
            _waiters.RemoveFirst();
            _inUse++;
            next.Value.TrySetResult();
        }
    }
}
