using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Tests.Replicas;

/// <summary>
/// The replica worker on a fake clock: start, admission, drain and disposal, without Orleans, called as its grain
/// calls it. <see cref="ReplicaWorkerLocalPathTests"/> runs every one of these again through the local path.
/// </summary>
public class ReplicaWorkerTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeReporter _reporter = new();

    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends one request to <paramref name="worker"/> the way the replica's grain does.</summary>
    private protected virtual ValueTask<ReplicaResponse> Invoke(ReplicaWorker worker, ReplicaRequest request, CancellationToken cancellationToken) =>
        worker.InvokeAsync(request, default, cancellationToken);

    private ReplicaWorker Worker(BackendConfig? config = null) => new(
        new ReplicaSpec { Backend = "b", ReplicaTag = "b#1", Spec = new BackendSpec { Class = "Tracked", Config = config ?? new BackendConfig() } },
        "n1",
        new ReplicaOptions { DrainGrace = Grace, StartTimeout = StartTimeout },
        _time,
        new SwitchyardMetrics(_services.GetRequiredService<IMeterFactory>()),
        _reporter,
        NullLogger.Instance);

    private async Task<(ReplicaWorker Worker, TrackedBackend Backend)> RunningAsync(BackendConfig? config = null, TrackedBackend? backend = null)
    {
        backend ??= new TrackedBackend();
        var worker = Worker(config);
        worker.Start(() => backend);
        await _reporter.WaitForAsync(ReplicaState.Running);
        return (worker, backend);
    }

    private static ReplicaRequest Request() => new() { Method = "GET", Path = "/b", Body = [] };

    [Fact]
    public async Task Start_BackendBuilds_RunningReportedAndServes()
    {
        var (worker, backend) = await RunningAsync();
        Assert.Equal(ReplicaState.Running, worker.State);
        var response = await Invoke(worker, Request(), CancellationToken.None);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok"u8.ToArray(), response.Body);
        Assert.Equal(1, backend.Calls);
    }

    [Fact]
    public async Task Start_ConstructorThrows_FailedWithTheExceptionAsReason()
    {
        var worker = Worker();
        worker.Start(() => throw new InvalidOperationException("model weights are corrupt"));
        var report = await _reporter.WaitForAsync(ReplicaState.Failed);
        Assert.Equal("InvalidOperationException: model weights are corrupt", report.Reason);
        Assert.Equal(ReplicaState.Failed, worker.State);
        Assert.True((await Invoke(worker, Request(), CancellationToken.None)).NotRunning);
    }

    [Fact]
    public async Task Start_ConstructorPastStartTimeout_FailedNamingTheOptionAndDisposedWhenItReturns()
    {
        using var release = new ManualResetEventSlim();
        var backend = new TrackedBackend();
        var worker = Worker();
        worker.Start(() =>
        {
            release.Wait();
            return backend;
        });

        _time.Advance(StartTimeout - TimeSpan.FromMilliseconds(1));
        Assert.Equal(ReplicaState.Starting, worker.State);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var report = await _reporter.WaitForAsync(ReplicaState.Failed);
        Assert.Equal("Tracked did not start within replica_start_timeout_s (30 s): its constructor had not returned", report.Reason);

        release.Set();
        await backend.Disposed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, backend.Disposals);
        Assert.Equal(ReplicaState.Failed, worker.State);
        Assert.Equal(0, backend.Calls);

        worker.Drain(); // the controller retires a failed replica: it stops at once, nothing disposed twice
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Start_FirstReconfigureThrows_FailedAndBackendDisposed()
    {
        var backend = new FailingReconfigure();
        var worker = Worker();
        worker.Start(() => backend);
        var report = await _reporter.WaitForAsync(ReplicaState.Failed);
        Assert.Equal("ArgumentException: bad user_config", report.Reason);
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Drain_WhileStarting_NeverServesAndDisposesWhenConstructorReturns()
    {
        using var release = new ManualResetEventSlim();
        var backend = new TrackedBackend();
        var worker = Worker();
        worker.Start(() =>
        {
            release.Wait();
            return backend;
        });

        worker.Drain();
        Assert.Equal(ReplicaState.Draining, worker.State);
        Assert.Equal(0, backend.Disposals);

        release.Set();
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        await worker.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, backend.Disposals);
        Assert.DoesNotContain(_reporter.Reports, r => r.State == ReplicaState.Running);
        Assert.True((await Invoke(worker, Request(), CancellationToken.None)).NotRunning);
    }

    [Fact]
    public async Task Drain_WhileStartingAndConstructorHangs_StopsAtTheStartTimeout()
    {
        using var release = new ManualResetEventSlim();
        var backend = new TrackedBackend();
        var worker = Worker();
        worker.Start(() =>
        {
            release.Wait();
            return backend;
        });

        worker.Drain();
        _time.Advance(StartTimeout);
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        Assert.DoesNotContain(_reporter.Reports, r => r.State == ReplicaState.Failed);

        release.Set();
        await backend.Disposed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Drain_Running_ServesThroughGraceThenStopsAndDisposesOnce()
    {
        var (worker, backend) = await RunningAsync();
        worker.Drain();
        Assert.Equal(ReplicaState.Draining, worker.State);
        Assert.Equal(200, (await Invoke(worker, Request(), CancellationToken.None)).StatusCode); // routers may still send

        _time.Advance(Grace);
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        Assert.Equal(ReplicaState.Stopped, worker.State);
        Assert.Equal(1, backend.Disposals);
        Assert.True((await Invoke(worker, Request(), CancellationToken.None)).NotRunning);

        worker.Drain();
        await worker.ShutdownAsync();
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Drain_RequestInFlight_StopsOnlyAfterItAnswersAndRefusesNewOnes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, backend) = await RunningAsync(backend: new TrackedBackend { Gate = gate });
        var inFlight = Invoke(worker, Request(), CancellationToken.None).AsTask();
        await Eventually.TrueAsync(() => backend.Calls == 1, "the first call to reach the backend");

        worker.Drain();
        _time.Advance(Grace);
        Assert.True((await Invoke(worker, Request(), CancellationToken.None)).NotRunning); // past the grace: go elsewhere
        Assert.Equal(ReplicaState.Draining, worker.State);
        Assert.Equal(0, backend.Disposals);

        gate.SetResult();
        Assert.Equal(200, (await inFlight).StatusCode);
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        Assert.Equal(1, backend.Disposals);
        Assert.Equal(1, backend.Calls);
    }

    [Fact]
    public async Task Drain_DisposeThrows_StillStoppedAndReported()
    {
        var (worker, backend) = await RunningAsync(backend: new TrackedBackend { ThrowOnDispose = true });
        worker.Drain();
        _time.Advance(Grace);
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        await worker.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ReplicaState.Stopped, worker.State);
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Drain_AsyncDisposableBackend_DisposeAsyncOnlyAndOnce()
    {
        var backend = new AsyncDisposable();
        var worker = Worker();
        worker.Start(() => backend);
        await _reporter.WaitForAsync(ReplicaState.Running);
        worker.Drain();
        _time.Advance(Grace);
        await _reporter.WaitForAsync(ReplicaState.Stopped);
        Assert.Equal((1, 0), (backend.AsyncDisposals, backend.Disposals));
    }

    [Fact]
    public async Task Shutdown_Running_DisposesOnceWithoutReportingAndWithoutGrace()
    {
        var (worker, backend) = await RunningAsync();
        await worker.ShutdownAsync();
        Assert.Equal(1, backend.Disposals);
        Assert.True(worker.Stopped.IsCompleted);
        Assert.DoesNotContain(_reporter.Reports, r => r.State == ReplicaState.Stopped);
        worker.Drain();
        Assert.Equal(1, backend.Disposals);
    }

    [Fact]
    public async Task Invoke_BeforeRunning_NotRunningAndNoWorkDone()
    {
        using var release = new ManualResetEventSlim();
        var worker = Worker();
        worker.Start(() =>
        {
            release.Wait();
            return new TrackedBackend();
        });
        Assert.True((await Invoke(worker, Request(), CancellationToken.None)).NotRunning);
        Assert.Equal(0, worker.InFlight);
        release.Set();
    }

    [Fact]
    public async Task Invoke_OverMaxConcurrentQueries_CancelledWaiterLeavesAtOnce()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, backend) = await RunningAsync(new BackendConfig { MaxConcurrentQueries = 1 }, new TrackedBackend { Gate = gate });
        var first = Invoke(worker, Request(), CancellationToken.None).AsTask();
        await Eventually.TrueAsync(() => backend.Calls == 1, "the first call to hold the only slot");

        using var cancel = new CancellationTokenSource();
        var second = Invoke(worker, Request(), cancel.Token).AsTask();
        await Eventually.TrueAsync(() => worker.WaitingForSlot == 1, "the second call to wait for the slot");
        await cancel.CancelAsync();
        Assert.Equal(504, (await second.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(0, worker.WaitingForSlot); // gone before the first call released anything
        Assert.Equal(1, worker.InFlight);

        gate.SetResult();
        Assert.Equal(200, (await first).StatusCode);
        Assert.Equal(1, backend.Calls);
    }

    [Fact]
    public async Task Reconfigure_LimitRaised_WaiterAdmitted()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, backend) = await RunningAsync(new BackendConfig { MaxConcurrentQueries = 1 }, new TrackedBackend { Gate = gate });
        var first = Invoke(worker, Request(), CancellationToken.None).AsTask();
        var second = Invoke(worker, Request(), CancellationToken.None).AsTask();
        await Eventually.TrueAsync(() => backend.Calls == 1 && worker.WaitingForSlot == 1, "one call running and one waiting");

        await worker.ReconfigureAsync(new BackendConfig { MaxConcurrentQueries = 2 }, CancellationToken.None);
        await Eventually.TrueAsync(() => backend.Calls == 2, "the waiting call admitted under the new limit");
        gate.SetResult();
        Assert.Equal(200, (await first).StatusCode);
        Assert.Equal(200, (await second).StatusCode);
    }

    [Fact]
    public async Task Invoke_BatchBackend_CancelledCallerLeavesTheBatchQueue()
    {
        var backend = new CountingBatch();
        var worker = Worker(new BackendConfig { MaxBatchSize = 4, BatchWaitTimeoutS = 10 });
        worker.Start(() => backend);
        await _reporter.WaitForAsync(ReplicaState.Running);

        using var cancel = new CancellationTokenSource();
        var waiting = Invoke(worker, Request(), cancel.Token).AsTask();
        await Eventually.TrueAsync(() => worker.WaitingForBatch == 1, "the call to wait for its batch");
        await cancel.CancelAsync();
        Assert.Equal(504, (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(0, worker.WaitingForBatch);

        var batch = Enumerable.Range(0, 4).Select(_ => Invoke(worker, Request(), CancellationToken.None).AsTask()).ToList();
        var responses = await Task.WhenAll(batch).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(responses, r => Assert.Equal("4"u8.ToArray(), r.Body)); // one full batch, the cancelled call not in it
        Assert.Equal(1, backend.Batches);
    }

    private sealed class FailingReconfigure : IBackend, IReconfigurable, IDisposable
    {
        public int Disposals { get; private set; }

        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(null);

        public ValueTask ReconfigureAsync(System.Text.Json.JsonElement userConfig, CancellationToken cancellationToken) =>
            throw new ArgumentException("bad user_config");

        public void Dispose() => Disposals++;
    }

    private sealed class AsyncDisposable : IBackend, IAsyncDisposable, IDisposable
    {
        public int AsyncDisposals { get; private set; }

        public int Disposals { get; private set; }

        public ValueTask<object?> CallAsync(ServeRequest request, CancellationToken cancellationToken) => ValueTask.FromResult<object?>(null);

        public ValueTask DisposeAsync()
        {
            AsyncDisposals++;
            return ValueTask.CompletedTask;
        }

        public void Dispose() => Disposals++;
    }

    private sealed class CountingBatch : IBatchBackend
    {
        private int _batches;

        public int Batches => Volatile.Read(ref _batches);

        public ValueTask<IReadOnlyList<object?>> CallBatchAsync(IReadOnlyList<ServeRequest> requests, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _batches);
            return ValueTask.FromResult<IReadOnlyList<object?>>([.. requests.Select(_ => (object?)requests.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }
    }
}
