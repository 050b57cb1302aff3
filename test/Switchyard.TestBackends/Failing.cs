namespace Switchyard.TestBackends;

/// <summary>A backend whose constructor always throws.</summary>
public sealed class Failing : IBackend
{
    public Failing() => throw new InvalidOperationException("model weights are corrupt");

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(null);
}
