using Orleans.Storage;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Storage;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>
/// The desired state's way into the grain's persistent state. A new state is written as a whole; only when the store
/// acknowledged it does the caller take it as current. A failed write leaves the stored shape in memory as it was,
/// so the next write starts from what the store holds.
/// </summary>
internal sealed class DesiredStateStore(IPersistentState<ControllerState> store)
{
    /// <summary>
    /// Set once a read-back found another controller's write: the ETag now held is that writer's, so no write from
    /// here may go out again (it would pass the store's check and overwrite the newer state).
    /// </summary>
    private bool _superseded;

    public DesiredState Load() => StoredState.ToDesired(store.State);

    /// <summary>
    /// Writes <paramref name="next"/>; null when the store acknowledged it, else what went wrong. A write that timed
    /// out may still have landed (its answer lost on the way back): the state is then read back, and the write counts
    /// as acknowledged when the store holds it, as refused when the store still holds what it held before.
    /// </summary>
    public async Task<Exception?> TryWriteAsync(DesiredState next)
    {
        if (_superseded)
        {
            return new InconsistentStateException("another controller has written the state since this one read it");
        }

        var previous = store.State;
        var written = StoredState.FromDesired(next);
        written.WriteId = Guid.NewGuid();
        store.State = written;
        try
        {
            await store.WriteStateAsync();
            return null;
        }
        catch (Exception ex) when (Is<TimeoutException>(ex) || Is<UnconfirmedWriteException>(ex))
        {
            // Either may come after the write landed: an answer lost on the way back, or a file renamed into place
            // before the flush of its folder failed. Only the store can tell.
            return await ConfirmAsync(previous, written.WriteId, ex);
        }
        catch (Exception ex)
        {
            store.State = previous;
            return ex;
        }
    }

    /// <summary>
    /// After a write that timed out or was not confirmed: null when the store holds it, the failure when it holds the state from before,
    /// <see cref="InconsistentStateException"/> when someone else wrote, <see cref="StoreOutcomeUnknownException"/> when it cannot be read.
    /// </summary>
    private async Task<Exception?> ConfirmAsync(ControllerState previous, Guid writeId, Exception failure)
    {
        try
        {
            await store.ReadStateAsync();
        }
        catch (Exception)
        {
            store.State = previous; // unreadable too: memory as before, and the next write's ETag check will tell
            return new StoreOutcomeUnknownException(failure);
        }

        var stored = store.State;
        if (stored.WriteId == writeId)
        {
            return null; // it landed: the store holds it, and the ETag just read is the one it was given
        }

        store.State = previous;
        if (stored.WriteId == previous.WriteId)
        {
            return failure;
        }

        _superseded = true;
        return new InconsistentStateException("another controller wrote the state while this one's write failed", failure);
    }

    /// <summary>Orleans wraps what a storage provider throws (in an <see cref="OrleansException"/>), so the cause is looked for inside.</summary>
    private static bool Is<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T)
            {
                return true;
            }
        }

        return false;
    }
}
