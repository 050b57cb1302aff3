namespace Switchyard.Runtime.Replicas;

internal sealed partial class ReplicaGrain
{
    /// <summary>The model's metadata for the protocol's metadata calls (never on an infer call's path).</summary>
    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_worker?.Model() ?? ReplicaModel.NotRunning);
}
