using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;
using Switchyard.Tests.Support;
using static Switchyard.Tests.Routing.FakeReplicaChannel;

namespace Switchyard.Tests.Routing;

/// <summary>The router over fake replicas: which failures are retried, what callers see, what the log gets.</summary>
public sealed class RouterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeReplicaChannels _replicas = new();
    private readonly CapturingLogger<Router> _log = new();
    private readonly Router _router;

    public RouterTests()
    {
        _router = new Router(_replicas, TimeProvider.System, new SwitchyardMetrics(_services.GetRequiredService<IMeterFactory>()), _log);
    }

    public void Dispose() => _services.Dispose();

    private void Apply(int replicas, double? requestTimeoutS = null) => _router.Apply(new RoutingTable
    {
        Version = 1,
        Endpoints = [new EndpointTableEntry { Name = "e", Route = "/e", Methods = ["GET", "POST"], Traffic = TrafficTable.Create(new Dictionary<string, double> { ["b"] = 1 }) }],
        Backends = [new BackendTableEntry { Name = "b", Replicas = [.. Enumerable.Range(1, replicas).Select(i => $"b#{i}")], RequestTimeoutS = requestTimeoutS }],
    });

    private void AllAnswer(Func<ReplicaRequest, CancellationToken, ValueTask<ReplicaResponse>> handler, int replicas)
    {
        Apply(replicas);
        for (var i = 1; i <= replicas; i++)
        {
            _replicas[$"b#{i}"].Handler = handler;
        }
    }

    private int Calls(int replicas) => Enumerable.Range(1, replicas).Sum(i => _replicas[$"b#{i}"].Calls);

    private Task<ReplicaResponse> SendAsync(string method = "POST", bool safeToRetry = false) =>
        _router.InvokeAsync(_router.Snapshot.ByName["e"], new ReplicaRequest { Method = method, Path = "/e", Body = [], SafeToRetry = safeToRetry }, CancellationToken.None).AsTask();

    private static Func<ReplicaRequest, CancellationToken, ValueTask<ReplicaResponse>> Throws(CallOutcome outcome) =>
        (_, _) => ValueTask.FromException<ReplicaResponse>(new ChannelException(outcome));

    private static void AssertNoInternals(ReplicaResponse response)
    {
        Assert.DoesNotContain("S127.0.0.1", response.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_NotRunningEverywhere_TriedThreeTimesThen503()
    {
        AllAnswer((_, _) => ValueTask.FromResult(ReplicaResponse.Problem(503, "Service Unavailable", "The replica is not running.", notRunning: true)), 2);
        var response = await SendAsync();
        Assert.Equal(503, response.StatusCode);
        Assert.Equal(RetryPolicy.MaxAttempts, Calls(2));
    }

    [Fact]
    public async Task InvokeAsync_OneReplicaNotRunning_AnsweredByTheOther()
    {
        Apply(2);
        _replicas["b#1"].Handler = (_, _) => ValueTask.FromResult(ReplicaResponse.Problem(503, "Service Unavailable", "not running", notRunning: true));
        for (var i = 0; i < 100 && _replicas["b#1"].Calls == 0; i++)
        {
            Assert.Equal(200, (await SendAsync()).StatusCode);
        }

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await SendAsync()).StatusCode);
        }

        Assert.Equal(1, _replicas["b#1"].Calls); // suspect after its refusal: avoided while the other has room
    }

    [Fact]
    public async Task InvokeAsync_NeverDelivered_RetriedAndCauseOnlyInTheLog()
    {
        AllAnswer(Throws(CallOutcome.NotDelivered), 2);
        var response = await SendAsync();
        Assert.Equal(503, response.StatusCode);
        Assert.Equal(RetryPolicy.MaxAttempts, Calls(2));
        AssertNoInternals(response);
        Assert.Contains(_log.Entries, e => e.Exception is ChannelException && e.Message.Contains("NotDelivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvokeAsync_NodeLostDuringPost_NotRetried()
    {
        AllAnswer(Throws(CallOutcome.NodeLost), 2);
        var response = await SendAsync("POST");
        Assert.Equal(503, response.StatusCode);
        Assert.Equal(1, Calls(2));
        Assert.Contains("not retried", response.Detail, StringComparison.Ordinal);
        AssertNoInternals(response);
    }

    [Theory]
    [InlineData("GET", false)]
    [InlineData("HEAD", false)]
    [InlineData("POST", true)]
    public async Task InvokeAsync_NodeLostDuringSafeRequest_Retried(string method, bool flagged)
    {
        Apply(2);
        _replicas["b#1"].Handler = Throws(CallOutcome.NodeLost);
        _replicas["b#2"].Handler = Throws(CallOutcome.NodeLost);
        Assert.Equal(503, (await SendAsync(method, flagged)).StatusCode);
        Assert.Equal(RetryPolicy.MaxAttempts, Calls(2));
    }

    [Fact]
    public async Task InvokeAsync_NodeLostOnOneReplica_GetAnsweredByTheOther()
    {
        Apply(2);
        _replicas["b#1"].Handler = Throws(CallOutcome.NodeLost);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await SendAsync("GET")).StatusCode);
        }
    }

    [Fact]
    public async Task InvokeAsync_ResponseTimeout_504OnceNeverRetried()
    {
        AllAnswer(Throws(CallOutcome.TimedOut), 2);
        var response = await SendAsync("GET");
        Assert.Equal(504, response.StatusCode);
        Assert.Equal(1, Calls(2));
        AssertNoInternals(response);
    }

    [Fact]
    public async Task InvokeAsync_UnexpectedRuntimeFailure_503GenericNotRetried()
    {
        AllAnswer(Throws(CallOutcome.Failed), 2);
        var response = await SendAsync("GET");
        Assert.Equal(503, response.StatusCode);
        Assert.Equal(1, Calls(2));
        AssertNoInternals(response);
        Assert.Contains(_log.Entries, e => e.Exception is ChannelException);
    }

    [Fact]
    public async Task InvokeAsync_PastRequestTimeout_504OnceAndTheReplicaSeesTheCancellation()
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Apply(2, requestTimeoutS: 0.2);
        foreach (var tag in new[] { "b#1", "b#2" })
        {
            _replicas[tag].Handler = async (_, token) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return Ok;
            };
        }

        var response = await SendAsync("GET").WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(504, response.StatusCode);
        Assert.Contains("request_timeout_s (0.2 s)", response.Detail, StringComparison.Ordinal);
        Assert.Equal(1, Calls(2));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private void ApplyRollout(long version, RolloutGuard? guard) => _router.Apply(new RoutingTable
    {
        Version = version,
        Endpoints =
        [
            new EndpointTableEntry
            {
                Name = "e",
                Route = "/e",
                Methods = ["GET"],
                Traffic = TrafficTable.Create(new Dictionary<string, double> { ["v1"] = 0.5, ["v2"] = 0.5 }),
                Guard = guard,
            },
        ],
        Backends = [new BackendTableEntry { Name = "v1", Replicas = ["v1#1"] }, new BackendTableEntry { Name = "v2", Replicas = ["v2#1"] }],
    });

    [Fact]
    public async Task InvokeAsync_RolloutTargetFailsAboveThreshold_ThisNodeRoutesByTheOldTableAtOnce()
    {
        ApplyRollout(1, RolloutBreakerTests.Guard(minRequests: 5, maxErrorRate: 0.1));
        _replicas["v2#1"].Handler = (_, _) => ValueTask.FromResult(ReplicaResponse.Problem(500, "Internal Server Error", "broken"));
        while (_replicas["v2#1"].Calls < 5)
        {
            await SendAsync("GET");
        }

        Assert.True(_router.Snapshot.ByName["e"].Breaker!.Tripped);
        var v2Calls = _replicas["v2#1"].Calls;
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(200, (await SendAsync("GET")).StatusCode);
        }

        Assert.Equal(v2Calls, _replicas["v2#1"].Calls);
        Assert.Contains(_log.Entries, e => e.Message.Contains("rollout target v2", StringComparison.Ordinal));

        // A new table for the same step keeps the trip; the next step (or the controller's rollback) starts afresh.
        ApplyRollout(2, RolloutBreakerTests.Guard(minRequests: 5, maxErrorRate: 0.1));
        Assert.True(_router.Snapshot.ByName["e"].Breaker!.Tripped);
        ApplyRollout(3, RolloutBreakerTests.Guard(minRequests: 5, maxErrorRate: 0.1, step: 1));
        Assert.False(_router.Snapshot.ByName["e"].Breaker!.Tripped);
        ApplyRollout(4, null);
        Assert.Null(_router.Snapshot.ByName["e"].Breaker);
    }

    [Fact]
    public async Task InvokeAsync_RolloutTargetHealthy_KeepsItsShare()
    {
        ApplyRollout(1, RolloutBreakerTests.Guard(minRequests: 5, maxErrorRate: 0.1));
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(200, (await SendAsync("GET")).StatusCode);
        }

        Assert.False(_router.Snapshot.ByName["e"].Breaker!.Tripped);
        Assert.InRange(_replicas["v2#1"].Calls, 50, 150);
    }
}
