namespace Switchyard.TestBackends;

/// <summary>A batch backend answering each request with its body and the size of the batch it came in.</summary>
public sealed class BatchEcho : IBatchBackend
{
    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
    {
        var results = requests.Select(r => (object?)$"{r.ReadText()}|{requests.Count}").ToList();
        return ValueTask.FromResult<IReadOnlyList<object?>>(results);
    }
}
