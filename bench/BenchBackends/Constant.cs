namespace Switchyard.BenchBackends;

/// <summary>
/// The cheapest possible backend: ignores the request and answers a constant string, so a benchmark of it
/// measures only what Switchyard adds (ingress, router, replica grain, result encoding).
/// </summary>
public sealed class Constant : IBackend
{
    private static readonly ValueTask<object?> Answer = ValueTask.FromResult<object?>("ok");

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => Answer;
}
