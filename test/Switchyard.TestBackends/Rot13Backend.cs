using Switchyard.TestBackends.Dependency;

namespace Switchyard.TestBackends;

/// <summary>Uses a private dependency that only the plugin's folder holds.</summary>
public sealed class Rot13Backend : IBackend
{
    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<object?>(Rot13.Apply(request.ReadText()));
}
