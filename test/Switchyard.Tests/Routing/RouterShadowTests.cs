using Microsoft.Extensions.DependencyInjection;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.Tests.Support;
using static Switchyard.Tests.Routing.FakeReplicaChannel;

namespace Switchyard.Tests.Routing;

/// <summary>Shadow copies: what they may hold once their requests are answered, and how long.</summary>
public sealed class RouterShadowTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeReplicaChannels _replicas = new();
    private readonly Router _router;

    public RouterShadowTests()
    {
        _router = new Router(_replicas, TimeProvider.System, new SwitchyardMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), new CapturingLogger<Router>());
    }

    public void Dispose() => _services.Dispose();

    private void Apply(double? shadowTimeoutS = null) => _router.Apply(new RoutingTable
    {
        Version = 1,
        Endpoints = [new EndpointTableEntry
        {
            Name = "e", Route = "/e", Methods = ["POST"],
            Traffic = TrafficTable.Create(new Dictionary<string, double> { ["b"] = 1 }),
            Shadows = [new("s", 1.0)],
        }],
        Backends =
        [
            new BackendTableEntry { Name = "b", Replicas = ["b#1"] },
            new BackendTableEntry { Name = "s", Replicas = ["s#1", "s#2", "s#3"], MaxConcurrentQueries = 1000, RequestTimeoutS = shadowTimeoutS },
        ],
    });

    private Task<ReplicaResponse> SendAsync(int bodyBytes) =>
        _router.InvokeAsync(_router.Snapshot.ByName["e"], new ReplicaRequest { Method = "POST", Path = "/e", Body = new byte[bodyBytes] }, CancellationToken.None).AsTask();

    private int ShadowCalls => Enumerable.Range(1, 3).Sum(i => _replicas[$"s#{i}"].Calls);

    private void ShadowsAnswer(Func<ReplicaRequest, CancellationToken, ValueTask<ReplicaResponse>> handler)
    {
        for (var i = 1; i <= 3; i++)
        {
            _replicas[$"s#{i}"].Handler = handler;
        }
    }

    [Fact]
    public async Task InvokeAsync_SlowShadowLargeBodies_CopiesHoldAtMostTheirShareThenMoreOnceDone()
    {
        Apply();
        var release = new TaskCompletionSource<ReplicaResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        ShadowsAnswer(async (_, _) =>
        {
            Interlocked.Increment(ref running);
            try
            {
                return await release.Task;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        });

        // 100 answered requests of 1 MiB each: the copies that outlive them hold at most MaxShadowBodyBytes.
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(200, (await SendAsync(MiB)).StatusCode);
        }

        var share = (int)(Router.MaxShadowBodyBytes / MiB);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref running) == share), $"{share} shadow copies running");
        Assert.Equal(share, ShadowCalls);

        // Bodiless requests are still copied; once the copies finish, bodies are copied again.
        Assert.Equal(200, (await SendAsync(0)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(ShadowCalls == share + 1), "the bodiless copy");
        release.SetResult(Ok);
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref running) == 0), "the copies to finish");
        Assert.Equal(200, (await SendAsync(MiB)).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(ShadowCalls == share + 2), "a copy of the next large body");
    }

    [Fact]
    public async Task InvokeAsync_ShadowPastItsRequestTimeout_CopyCancelled()
    {
        Apply(shadowTimeoutS: 0.2);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ShadowsAnswer(async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Ok;
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        });

        Assert.Equal(200, (await SendAsync(16)).StatusCode);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
