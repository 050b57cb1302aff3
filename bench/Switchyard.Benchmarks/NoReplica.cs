using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Benchmarks;

/// <summary>A replica channel that is never called: the lane benchmarks only take and give back slots.</summary>
internal sealed class NoReplica : IReplicaChannel
{
    public static readonly NoReplica Instance = new();

    public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the lane benchmarks never call a replica");

    public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) => Task.FromResult(ReplicaModel.NotRunning);

    public CallOutcome Classify(Exception exception) => CallOutcome.Failed;
}
