namespace Switchyard.TestBackends;

/// <summary>Answers with the name it was given in init args (which version served a request).</summary>
public sealed class Named(string name) : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(name);
}
