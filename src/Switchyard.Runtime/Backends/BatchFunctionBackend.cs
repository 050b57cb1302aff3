namespace Switchyard.Runtime.Backends;

/// <summary>A batch function registered in code, served as a batch backend.</summary>
internal sealed class BatchFunctionBackend(Func<IReadOnlyList<ServeRequest>, CancellationToken, ValueTask<IReadOnlyList<object?>>> function) : IBatchBackend
{
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken) => function(requests, cancellationToken);
}
