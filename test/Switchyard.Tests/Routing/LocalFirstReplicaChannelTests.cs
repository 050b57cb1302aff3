using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.Tests.Replicas;

namespace Switchyard.Tests.Routing;

/// <summary>
/// The local path's channel: a replica listed in this process's <see cref="LocalReplicas"/> is called through its
/// worker with no grain call, anything else through the grain, and Orleans' response timeout still applies.
/// </summary>
public sealed class LocalFirstReplicaChannelTests : IDisposable
{
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeReporter _reporter = new();
    private readonly LocalReplicas _local = new();
    private readonly CountingGrain _grain = new();

    public void Dispose() => _services.Dispose();

    private LocalFirstReplicaChannel Channel() =>
        new("b#1", new GrainReplicaChannel(_grain), _local, new ResponseDeadlines(_time, ResponseTimeout));

    private async Task<(ReplicaWorker Worker, TrackedBackend Backend)> RunningAsync(TrackedBackend? backend = null)
    {
        backend ??= new TrackedBackend();
        var worker = new ReplicaWorker(
            new ReplicaSpec { Backend = "b", ReplicaTag = "b#1", Spec = new BackendSpec { Class = "Tracked", Config = new BackendConfig() } },
            "n1",
            new ReplicaOptions { DrainGrace = TimeSpan.FromSeconds(1), StartTimeout = TimeSpan.FromSeconds(30) },
            _time,
            new SwitchyardMetrics(_services.GetRequiredService<IMeterFactory>()),
            _reporter,
            NullLogger.Instance);
        worker.Start(() => backend);
        await _reporter.WaitForAsync(ReplicaState.Running);
        return (worker, backend);
    }

    private static ReplicaRequest Request() => new() { Method = "GET", Path = "/b", Body = [] };

    /// <summary>As the router calls it: from a thread-pool thread (Kestrel's, or a handle caller's).</summary>
    private static Task<ReplicaResponse> FromThreadPool(LocalFirstReplicaChannel channel, CancellationToken cancellationToken = default) =>
        Task.Run(() => channel.InvokeAsync(Request(), cancellationToken).AsTask(), CancellationToken.None);

    [Fact]
    public async Task InvokeAsync_ReplicaListedHere_WorkerCalledAndNoGrainCall()
    {
        var (worker, backend) = await RunningAsync();
        _local.Add(worker);
        var channel = Channel();

        var response = await FromThreadPool(channel);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("ok"u8.ToArray(), response.Body);
        Assert.Equal(1, backend.Calls);
        Assert.Equal(0, _grain.Invocations);
        Assert.True(channel.IsLocal);
    }

    [Fact]
    public async Task InvokeAsync_ReplicaNotListedHere_SentThroughTheGrain()
    {
        var (_, backend) = await RunningAsync();
        var channel = Channel();

        var response = await FromThreadPool(channel);

        Assert.Equal(202, response.StatusCode); // the grain's answer
        Assert.Equal(1, _grain.Invocations);
        Assert.Equal(0, backend.Calls);
        Assert.False(channel.IsLocal);
    }

    [Fact]
    public async Task InvokeAsync_WorkerRemovedAfterItStopped_SentThroughTheGrain()
    {
        var (worker, backend) = await RunningAsync();
        _local.Add(worker);
        var channel = Channel();
        Assert.Equal(200, (await FromThreadPool(channel)).StatusCode);

        worker.Drain();
        _time.Advance(TimeSpan.FromSeconds(1));
        await worker.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
        _local.Remove(worker);

        Assert.Equal(202, (await FromThreadPool(channel)).StatusCode);
        Assert.Equal(1, backend.Calls); // nothing reached the stopped worker's backend
        Assert.Equal(1, _grain.Invocations);
        Assert.False(channel.IsLocal);
    }

    [Fact]
    public async Task Remove_AnOlderWorkerUnderTheSameTag_NewerOneStays()
    {
        var (older, _) = await RunningAsync();
        var (newer, _) = await RunningAsync();
        _local.Add(older);
        _local.Add(newer);

        _local.Remove(older);

        Assert.Same(newer, _local.Find("b#1"));
    }

    [Fact]
    public async Task InvokeAsync_CallerOnAnotherScheduler_SentThroughTheGrain()
    {
        var (worker, backend) = await RunningAsync();
        _local.Add(worker);
        var channel = Channel();

        var response = await Task.Run(
            () =>
            {
                // A grain's or a UI's context: the backend must not run there, so the call goes through Orleans.
                var previous = SynchronizationContext.Current;
                SynchronizationContext.SetSynchronizationContext(new SynchronizationContext());
                try
                {
                    return channel.InvokeAsync(Request(), CancellationToken.None).AsTask();
                }
                finally
                {
                    SynchronizationContext.SetSynchronizationContext(previous);
                }
            },
            CancellationToken.None);

        Assert.Equal(202, response.StatusCode);
        Assert.Equal(0, backend.Calls);
        Assert.Equal(1, _grain.Invocations);
    }

    [Fact]
    public async Task InvokeAsync_PastTheResponseTimeout_TimedOutAndTheBackendCancelled()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, backend) = await RunningAsync(new TrackedBackend { Gate = gate });
        _local.Add(worker);
        var channel = Channel();

        var call = FromThreadPool(channel);
        await Eventually.TrueAsync(() => backend.Calls == 1, "the call to reach the backend");
        _time.Advance(ResponseTimeout / 2);
        Assert.False(call.IsCompleted, "the call ended before the response timeout");
        _time.Advance(ResponseTimeout);

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(CallOutcome.TimedOut, channel.Classify(failure));
        await Eventually.TrueAsync(() => worker.InFlight == 0, "the backend's call to be cancelled and the slot freed");
        Assert.Equal(0, _grain.Invocations);
    }

    [Fact]
    public async Task InvokeAsync_CallerCancels_CancelledNotTimedOut()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (worker, backend) = await RunningAsync(new TrackedBackend { Gate = gate });
        _local.Add(worker);
        using var cancel = new CancellationTokenSource();

        var call = FromThreadPool(Channel(), cancel.Token);
        await Eventually.TrueAsync(() => backend.Calls == 1, "the call to reach the backend");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        await Eventually.TrueAsync(() => worker.InFlight == 0, "the backend's call to be cancelled and the slot freed");
    }

    [Fact]
    public async Task InvokeAsync_CallerCancelledBeforeTheCall_CancelledAsOrleansDoesAndNoWorkDone()
    {
        var (worker, backend) = await RunningAsync();
        _local.Add(worker);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FromThreadPool(Channel(), cancel.Token));
        Assert.Equal(0, backend.Calls);
        Assert.Equal(0, _grain.Invocations);
    }

    /// <summary>Stands for the replica's grain: answers 202 so a test sees which way a call went.</summary>
    private sealed class CountingGrain : IReplicaGrain
    {
        private int _invocations;

        public int Invocations => Volatile.Read(ref _invocations);

        public ValueTask<ReplicaResponse> InvokeAsync(ReplicaRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _invocations);
            return ValueTask.FromResult(new ReplicaResponse { StatusCode = 202, Bytes = [] });
        }

        public Task StartAsync(ReplicaSpec spec, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReconfigureAsync(BackendConfig config, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DrainAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ReplicaModel> GetModelAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ReplicaState?> GetStateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
