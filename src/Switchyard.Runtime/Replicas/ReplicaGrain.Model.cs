namespace Switchyard.Runtime.Replicas;

internal sealed partial class ReplicaGrain
{
    /// <summary>The model's metadata for the protocol's metadata calls (never on an infer call's path).</summary>
    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) => Task.FromResult(
        _state is ReplicaState.Running && _backend is { } backend
            ? new ReplicaModel { Running = true, Metadata = (backend as IInferenceBackend)?.Metadata }
            : ReplicaModel.NotRunning);
}
