namespace Switchyard.Runtime.Ingress;

/// <summary>
/// The node-wide bound on the request bodies the ingress holds at once (being read, or read and waiting for their
/// answer), so that many large bodies together cannot exhaust the node's memory any more than one can: a body that
/// would go past it is refused with 503 and <c>Retry-After</c>, as a full queue is, and nothing of it is kept.
/// Thread-safe and allocation-free; a request takes bytes as its buffers grow and returns them when it ends.
/// </summary>
internal sealed class BodyBudget
{
    private long _held;

    public BodyBudget(long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Limit = limit;
    }

    /// <summary>Bytes of request bodies the node holds at most.</summary>
    public long Limit { get; }

    /// <summary>Bytes taken now.</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>Takes <paramref name="bytes"/> when the total stays within <see cref="Limit"/>; false (and nothing taken) otherwise.</summary>
    public bool TryTake(long bytes)
    {
        if (Interlocked.Add(ref _held, bytes) <= Limit)
        {
            return true;
        }

        Interlocked.Add(ref _held, -bytes);
        return false;
    }

    /// <summary>Gives back bytes taken with <see cref="TryTake"/>.</summary>
    public void Return(long bytes)
    {
        if (bytes != 0)
        {
            Interlocked.Add(ref _held, -bytes);
        }
    }
}
