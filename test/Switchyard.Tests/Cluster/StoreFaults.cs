using Orleans.Storage;

namespace Switchyard.Tests.Cluster;

/// <summary>
/// Wraps a silo's grain storage and makes it fail while <see cref="Failing"/> is set, as an unreachable store would:
/// writes never reach the store underneath, and reads fail too, so nothing can restore the controller's memory by
/// reading the store back after a refused write.
/// </summary>
internal sealed class StoreFaults
{
    private int _failedWrites;

    public volatile bool Failing;

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public IGrainStorage Wrap(IGrainStorage inner) => new FaultyStorage(inner, this);

    private sealed class FaultyStorage(IGrainStorage inner, StoreFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.Failing
                ? throw new IOException("Input/output error (injected by the test)")
                : inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (faults.Failing)
            {
                Interlocked.Increment(ref faults._failedWrites);
                throw new IOException("Read-only file system (injected by the test)");
            }

            return inner.WriteStateAsync(stateName, grainId, grainState);
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
