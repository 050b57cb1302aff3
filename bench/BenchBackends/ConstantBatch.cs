namespace Switchyard.BenchBackends;

/// <summary>
/// The cheapest possible batch backend: answers every request of a batch with a constant string, so a benchmark of
/// it measures what the batching path (batch queue, batch loop, per-request completion) adds over <see cref="Constant"/>.
/// </summary>
public sealed class ConstantBatch : IBatchBackend
{
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
    {
        var results = new object?[requests.Count];
        Array.Fill(results, "ok");
        return ValueTask.FromResult<IReadOnlyList<object?>>(results);
    }
}
