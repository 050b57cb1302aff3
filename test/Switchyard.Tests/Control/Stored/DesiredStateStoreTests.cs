using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Stored;

public sealed class DesiredStateStoreTests
{
    private sealed class FakeState : IPersistentState<ControllerState>
    {
        public ControllerState State { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => Writes > 0;

        public Exception? Failure { get; set; }

        public int Writes { get; private set; }

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync() => Task.CompletedTask;

        public Task WriteStateAsync()
        {
            if (Failure is not null)
            {
                return Task.FromException(Failure);
            }

            Writes++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task TryWriteAsync_Acknowledged_StoredShapeIsTheNewState()
    {
        var fake = new FakeState();
        var store = new DesiredStateStore(fake);

        Assert.Null(await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo())));

        Assert.Equal(1, fake.Writes);
        Assert.Equal(["a"], fake.State.Backends.Keys);
        Assert.Equal(["a"], store.Load().Backends.Keys);
    }

    [Fact]
    public async Task TryWriteAsync_StoreFails_ErrorAndTheStoredShapeAsBefore()
    {
        var fake = new FakeState();
        var store = new DesiredStateStore(fake);
        await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo()));
        var before = fake.State;
        fake.Failure = new IOException("disk gone");

        var error = await store.TryWriteAsync(DesiredState.Empty.WithBackend("b", Echo()));

        Assert.IsType<IOException>(error);
        Assert.Same(before, fake.State);
        Assert.Equal(["a"], store.Load().Backends.Keys);
    }
}
