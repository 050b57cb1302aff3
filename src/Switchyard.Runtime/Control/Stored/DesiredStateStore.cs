using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>
/// The desired state's way into the grain's persistent state. A new state is written as a whole; only when the store
/// acknowledged it does the caller take it as current. A failed write leaves the stored shape in memory as it was,
/// so the next write starts from what the store holds.
/// </summary>
internal sealed class DesiredStateStore(IPersistentState<ControllerState> store)
{
    public DesiredState Load() => StoredState.ToDesired(store.State);

    /// <summary>Writes <paramref name="next"/>; null when the store acknowledged it, else what went wrong.</summary>
    public async Task<Exception?> TryWriteAsync(DesiredState next)
    {
        var previous = store.State;
        store.State = StoredState.FromDesired(next);
        try
        {
            await store.WriteStateAsync();
            return null;
        }
        catch (Exception ex)
        {
            store.State = previous;
            return ex;
        }
    }
}
