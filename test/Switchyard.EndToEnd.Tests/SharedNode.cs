namespace Switchyard.EndToEnd.Tests;

/// <summary>One node shared by the tests of a class; each test uses its own backend and endpoint names.</summary>
public sealed class SharedNode : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await NodeProcess.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
