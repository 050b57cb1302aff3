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
    private int _lostAnswers;

    public volatile bool Failing;

    /// <summary>Each write reaches the store, then times out as if its answer were lost on the way back; reads work.</summary>
    public volatile bool LosingAnswers;

    /// <summary>With <see cref="LosingAnswers"/>: reads fail too, so nobody can tell whether a write landed.</summary>
    public volatile bool Unreadable;

    /// <summary>Each write times out before it reaches the store; reads work.</summary>
    public volatile bool TimingOutUnwritten;

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public int LostAnswers => Volatile.Read(ref _lostAnswers);

    public IGrainStorage Wrap(IGrainStorage inner) => new FaultyStorage(inner, this);

    private sealed class FaultyStorage(IGrainStorage inner, StoreFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.Failing || faults.Unreadable
                ? throw new IOException("Input/output error (injected by the test)")
                : inner.ReadStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (faults.Failing)
            {
                Interlocked.Increment(ref faults._failedWrites);
                throw new IOException("Read-only file system (injected by the test)");
            }

            if (faults.TimingOutUnwritten)
            {
                Interlocked.Increment(ref faults._failedWrites);
                throw new TimeoutException("Timeout awaiting the store's answer (injected by the test, nothing was written)");
            }

            var etag = grainState.ETag;
            await inner.WriteStateAsync(stateName, grainId, grainState);
            if (faults.LosingAnswers)
            {
                Interlocked.Increment(ref faults._lostAnswers);
                grainState.ETag = etag; // the caller never learns the new ETag: the answer carrying it was lost
                throw new TimeoutException("Timeout awaiting the store's answer (injected by the test, after the write landed)");
            }
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
