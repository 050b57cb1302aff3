namespace Switchyard.TestBackends;

/// <summary>Answers with where its replica runs and what it was given: node, tag, GPUs, CPUs.</summary>
public sealed class WhereAmI(ReplicaContext context) : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(new Placement(context.NodeId, context.ReplicaTag, context.GpuIds, context.NumCpus, context.CudaVisibleDevices));
}
