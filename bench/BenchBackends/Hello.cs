namespace Switchyard.BenchBackends;

/// <summary>
/// The no-op GET scenario's backend: answers <c>"hello"</c> (text/plain), as the bare Kestrel app's <c>GET /hello</c>
/// does, so the two differ only by what Switchyard adds.
/// </summary>
public sealed class Hello : IBackend
{
    private static readonly ValueTask<object?> Answer = ValueTask.FromResult<object?>("hello");

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => Answer;
}
