using Orleans.Storage;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Runtime.Storage;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Stored;

public sealed class DesiredStateStoreTests
{
    /// <summary>A store holding what was last written (<see cref="Stored"/>), which can lose answers, refuse, or fail to read.</summary>
    private sealed class FakeState : IPersistentState<ControllerState>
    {
        public ControllerState State { get; set; } = new();

        public ControllerState Stored { get; set; } = new();

        public string? Etag => null;

        public bool RecordExists => Writes > 0;

        public Exception? Failure { get; set; }

        /// <summary>The write lands, then its answer is lost (Orleans wraps the timeout).</summary>
        public bool LoseAnswer { get; set; }

        /// <summary>The write lands, then this is thrown (as a file store's rename done before the flush of its folder failed).</summary>
        public Exception? FailAfterLanding { get; set; }

        public Exception? ReadFailure { get; set; }

        public int Writes { get; private set; }

        public Task ClearStateAsync() => Task.CompletedTask;

        public Task ReadStateAsync()
        {
            if (ReadFailure is not null)
            {
                return Task.FromException(ReadFailure);
            }

            State = Stored;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync()
        {
            if (Failure is not null)
            {
                return Task.FromException(Failure);
            }

            Writes++;
            Stored = State;
            if (FailAfterLanding is not null)
            {
                return Task.FromException(FailAfterLanding);
            }

            return LoseAnswer ? Task.FromException(new OrleansException("Error from storage provider", new TimeoutException("no answer"))) : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task TryWriteAsync_AnswerLostButTheWriteLanded_AcknowledgedAsTheStoreHoldsIt()
    {
        var fake = new FakeState { LoseAnswer = true };
        var store = new DesiredStateStore(fake);

        Assert.Null(await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo())));

        Assert.Equal(["a"], store.Load().Backends.Keys);
        Assert.Same(fake.Stored, fake.State);
    }

    [Fact]
    public async Task TryWriteAsync_TimedOutUnwritten_RefusedWithTheStateAsBefore()
    {
        var fake = new FakeState();
        var store = new DesiredStateStore(fake);
        await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo()));
        var before = fake.State;
        fake.Failure = new OrleansException("Error from storage provider", new TimeoutException("no answer"));

        var error = await store.TryWriteAsync(DesiredState.Empty.WithBackend("b", Echo()));

        Assert.IsType<OrleansException>(error);
        Assert.Same(before, fake.State);
        Assert.Equal(["a"], store.Load().Backends.Keys);
    }

    [Fact]
    public async Task TryWriteAsync_TimedOutAndAnotherWriterSinceRead_InconsistentState()
    {
        var fake = new FakeState();
        var store = new DesiredStateStore(fake);
        await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo()));
        fake.Stored = new ControllerState { WriteId = Guid.NewGuid() }; // another controller's write
        fake.Failure = new TimeoutException("no answer");

        var error = await store.TryWriteAsync(DesiredState.Empty.WithBackend("b", Echo()));

        Assert.IsType<InconsistentStateException>(error);
        Assert.Equal(["a"], store.Load().Backends.Keys);

        // The read-back took the other writer's ETag: nothing from here may be written over its state any more.
        var theirs = fake.Stored;
        fake.Failure = null;
        Assert.IsType<InconsistentStateException>(await store.TryWriteAsync(DesiredState.Empty.WithBackend("c", Echo())));
        Assert.Same(theirs, fake.Stored);
    }

    [Fact]
    public async Task TryWriteAsync_TimedOutAndUnreadable_OutcomeUnknownWithTheStateAsBefore()
    {
        var fake = new FakeState();
        var store = new DesiredStateStore(fake);
        await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo()));
        var before = fake.State;
        fake.LoseAnswer = true;
        fake.ReadFailure = new IOException("unreachable");

        var error = await store.TryWriteAsync(DesiredState.Empty.WithBackend("b", Echo()));

        Assert.IsType<OrleansException>(Assert.IsType<StoreOutcomeUnknownException>(error).InnerException);
        Assert.Same(before, fake.State);
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

    [Fact]
    public async Task TryWriteAsync_LandedThenAnIoError_AcknowledgedAsTheStoreHoldsIt()
    {
        // Refused here, the change would come back at the next activation (the store holds it) without anyone asking.
        var fake = new FakeState { FailAfterLanding = new OrleansException("Error from storage provider", new UnconfirmedWriteException("/state/controller", new IOException("Too many open files"))) };
        var store = new DesiredStateStore(fake);

        Assert.Null(await store.TryWriteAsync(DesiredState.Empty.WithBackend("a", Echo())));

        Assert.Equal(["a"], store.Load().Backends.Keys);
        Assert.Same(fake.Stored, fake.State);
    }
}
