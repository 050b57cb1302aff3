namespace Switchyard.Runtime.Backends;

/// <summary>A function registered in code, served as a backend.</summary>
internal sealed class FunctionBackend(Func<ServeRequest, CancellationToken, ValueTask<object?>> function) : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => function(request, cancellationToken);
}
