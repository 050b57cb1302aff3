namespace Switchyard.Tests.Hosting;

/// <summary>A backend whose replicas start only once the test opens the <see cref="StartGate"/>.</summary>
public sealed class GatedBackend : IBackend
{
    public GatedBackend(StartGate gate) => gate.WaitOpen();

    public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>("open");
}
