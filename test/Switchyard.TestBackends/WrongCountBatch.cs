namespace Switchyard.TestBackends;

/// <summary>A broken batch backend: one result too few, or an exception when a body says <c>throw</c>.</summary>
public sealed class WrongCountBatch : IBatchBackend
{
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
    {
        if (requests.Any(r => r.ReadText() == "throw"))
        {
            throw new InvalidOperationException("batch exploded");
        }

        return ValueTask.FromResult<IReadOnlyList<object?>>(requests.Skip(1).Select(r => (object?)r.ReadText()).ToList());
    }
}
