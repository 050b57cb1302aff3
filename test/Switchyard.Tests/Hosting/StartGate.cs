namespace Switchyard.Tests.Hosting;

/// <summary>Holds <see cref="GatedBackend"/>'s construction until the test opens it.</summary>
public sealed class StartGate : IDisposable
{
    private readonly ManualResetEventSlim _open = new();

    public void Open() => _open.Set();

    public void WaitOpen() => _open.Wait(TimeSpan.FromSeconds(60));

    public void Dispose() => _open.Dispose();
}
