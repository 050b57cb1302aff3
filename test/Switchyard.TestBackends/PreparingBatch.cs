namespace Switchyard.TestBackends;

/// <summary>A batch backend that prepares each request first: upper-cases it, and rejects "bad" with 422.</summary>
public sealed class PreparingBatch : IBatchBackend, IRequestPreparer
{
    public object? Prepare(ServeRequest request)
    {
        var text = request.ReadText();
        return text == "bad" ? throw new ServeException(422, "bad is not allowed") : text.ToUpperInvariant();
    }

    public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<object?>>(requests.Select(r => (object?)$"{r.Prepared}|{requests.Count}").ToList());
}
