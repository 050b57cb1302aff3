namespace Switchyard.Runtime.Batching;

/// <summary>
/// The requests waiting in one replica to be batched. One consumer takes batches: a batch leaves as soon as it
/// is full, or when its oldest request has waited the batch wait timeout; with a timeout of zero, whatever is
/// queued leaves as soon as the consumer asks. Pure logic driven by a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class BatchQueue<T>
{
    private readonly TimeProvider _time;
    private readonly LinkedList<Entry> _items = new();
    private readonly object _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _maxBatchSize;
    private TimeSpan _waitTimeout;

    public BatchQueue(TimeProvider time, int maxBatchSize, TimeSpan waitTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _time = time;
        _maxBatchSize = maxBatchSize;
        _waitTimeout = waitTimeout;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an item; the returned token removes it again (see <see cref="TryRemove"/>).</summary>
    public object Enqueue(T item)
    {
        LinkedListNode<Entry> node;
        bool wake;
        lock (_lock)
        {
            node = _items.AddLast(new Entry(item, _time.GetTimestamp()));

            // The consumer needs waking only when this item changes what it waits for: the first item starts the
            // timeout (or is taken at once with a zero timeout), a full batch leaves at once. Anything in between
            // waits for the timer the consumer already has, so no wake-up (and no timer) per request.
            wake = _items.Count == 1 || _items.Count == _maxBatchSize;
        }

        if (wake)
        {
            Signal();
        }

        return node;
    }

    /// <summary>Removes an item that has not been taken yet (a caller that gave up); false when it already left.</summary>
    public bool TryRemove(object token)
    {
        var node = (LinkedListNode<Entry>)token;
        lock (_lock)
        {
            if (node.List is null)
            {
                return false;
            }

            _items.Remove(node);
            return true;
        }
    }

    /// <summary>Changes the batch size and wait timeout; applies to the requests already waiting.</summary>
    public void Configure(int maxBatchSize, TimeSpan waitTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        lock (_lock)
        {
            _maxBatchSize = maxBatchSize;
            _waitTimeout = waitTimeout;
        }

        Signal();
    }

    /// <summary>Waits for the next batch (never empty). Single consumer.</summary>
    public async ValueTask<List<T>> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan? wait;
            Task changed;
            lock (_lock)
            {
                if (TryTake() is { } batch)
                {
                    return batch;
                }

                changed = _changed.Task;
                wait = _items.Count == 0
                    ? null
                    : _waitTimeout - _time.GetElapsedTime(_items.First!.Value.Timestamp);
            }

            if (wait is null)
            {
                await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (wait > TimeSpan.Zero)
            {
                using var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var timer = Task.Delay(wait.Value, _time, delay.Token);
                await Task.WhenAny(changed, timer).ConfigureAwait(false);
                await delay.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private List<T>? TryTake()
    {
        var count = _items.Count;
        if (count == 0)
        {
            return null;
        }

        if (count < _maxBatchSize && _time.GetElapsedTime(_items.First!.Value.Timestamp) < _waitTimeout)
        {
            return null;
        }

        var take = Math.Min(count, _maxBatchSize);
        var batch = new List<T>(take);
        for (var i = 0; i < take; i++)
        {
            batch.Add(_items.First!.Value.Item);
            _items.RemoveFirst();
        }

        return batch;
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _changed;
            _changed = NewSignal();
        }

        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct Entry(T Item, long Timestamp);
}
