namespace Switchyard.Runtime.Replicas;

internal sealed partial class ReplicaWorker
{
    /// <summary>The model's metadata for the protocol's metadata calls (never on an infer call's path).</summary>
    public ReplicaModel Model() =>
        _state == ReplicaState.Running && Volatile.Read(ref _backend) is { } backend
            ? new ReplicaModel { Running = true, Metadata = (backend as IInferenceBackend)?.Metadata }
            : ReplicaModel.NotRunning;
}
