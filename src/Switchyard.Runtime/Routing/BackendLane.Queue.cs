namespace Switchyard.Runtime.Routing;

/// <summary>The lane's wait queue: bounded, first come first served, and left at once by a waiter that gives up.</summary>
internal sealed partial class BackendLane
{
    /// <summary>Requests parked in the queue right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_waitersLock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>Takes a replica, waiting in the queue when all are busy; null when there is none or the queue is full.</summary>
    public async ValueTask<ReplicaSlot?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (TryAcquire() is { } slot)
        {
            return slot;
        }

        var settings = _settings;
        var limit = settings.MaxQueuedRequests;
        if ((settings.Replicas.Length == 0 && !settings.HoldWhenEmpty) || limit == 0)
        {
            return null;
        }

        if (Interlocked.Increment(ref _queued) > limit && limit > 0)
        {
            Interlocked.Decrement(ref _queued);
            return null;
        }

        _queuedChanged?.Invoke(Name, 1);
        if (settings.Replicas.Length == 0)
        {
            // The controller hears of this demand at once, not at the next report: a replica starts for it.
            _demandWithoutReplica?.Invoke();
        }

        try
        {
            while (true)
            {
                var waiter = new LinkedListNode<TaskCompletionSource>(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                lock (_waitersLock)
                {
                    _waiters.AddLast(waiter);
                }

                // A release between the failed try and the enqueue would be lost without this second look.
                if (TryAcquire() is { } late)
                {
                    // Woken meanwhile, yet served by the second look: the wake-up belongs to the next waiter.
                    if (!Leave(waiter))
                    {
                        WakeOne();
                    }

                    return late;
                }

                try
                {
                    await waiter.Value.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Woken at the moment it gave up: pass the wake-up on so no free slot goes unnoticed.
                    if (!Leave(waiter))
                    {
                        WakeOne();
                    }

                    throw;
                }

                if (TryAcquire() is { } woken)
                {
                    return woken;
                }

                if (_settings is { Replicas.Length: 0, HoldWhenEmpty: false })
                {
                    return null;
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
            _queuedChanged?.Invoke(Name, -1);
        }
    }

    /// <summary>Takes a waiter out of the queue; false when a wake-up already took it.</summary>
    private bool Leave(LinkedListNode<TaskCompletionSource> waiter)
    {
        lock (_waitersLock)
        {
            if (waiter.List is null)
            {
                return false;
            }

            _waiters.Remove(waiter);
            return true;
        }
    }

    private void WakeOne()
    {
        TaskCompletionSource? next = null;
        lock (_waitersLock)
        {
            if (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                next = first.Value;
            }
        }

        next?.TrySetResult();
    }

    private void WakeAll()
    {
        lock (_waitersLock)
        {
            while (_waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                first.Value.TrySetResult();
            }
        }
    }
}
