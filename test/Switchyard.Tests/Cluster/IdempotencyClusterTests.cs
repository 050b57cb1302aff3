using Switchyard.Runtime.Control;
using Switchyard.TestBackends;

namespace Switchyard.Tests.Cluster;

/// <summary>A control call retried after its answer was lost answers as its first attempt did.</summary>
public sealed class IdempotencyClusterTests
{
    private static readonly BackendSpec Spec = new() { Class = nameof(Echo) };

    /// <summary>Lets the first call of one controller method through to the controller, then loses its answer.</summary>
    private sealed class LoseFirstAnswer(string method) : IOutgoingGrainCallFilter
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            if (context.InterfaceMethod?.Name == method && Interlocked.Increment(ref _calls) == 1)
            {
                throw new TimeoutException("the answer was lost on its way back (injected by the test)");
            }
        }
    }

    [Fact]
    public async Task CreateBackend_FirstAnswerLost_RetryAnswersCreatedNotConflict()
    {
        var lose = new LoseFirstAnswer(nameof(IControllerGrain.CreateBackendAsync));
        await using var cluster = await SwitchyardCluster.StartAsync(null, lose, SwitchyardCluster.Node("a"));

        await cluster.ClientOn(0).CreateBackendAsync("echo", Spec);

        Assert.Equal(2, lose.Calls);
        var backend = await cluster.BackendAsync("echo");
        Assert.Equal("running", Assert.Single(backend.Replicas).State);
    }

    [Fact]
    public async Task CreateBackend_SameKeyTwice_BothCreatedAndWithoutAKeyConflict()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var key = ControlCallKey.NewKey();

        ControlCallKey.Attach(key);
        var first = await cluster.Controller.CreateBackendAsync("echo", Spec, CancellationToken.None);
        ControlCallKey.Attach(key);
        var retried = await cluster.Controller.CreateBackendAsync("echo", Spec, CancellationToken.None);
        ControlCallKey.Detach();
        var fresh = await cluster.Controller.CreateBackendAsync("echo", Spec, CancellationToken.None);

        Assert.Equal(201, first.Status);
        Assert.Equal(201, retried.Status);
        Assert.Equal(409, fresh.Status);
        Assert.Single((await cluster.StoredStateAsync()).Backends);
    }

    [Fact]
    public async Task Deploy_SameKeyTwice_SecondAnswersWhatTheFirstChanged()
    {
        await using var cluster = await SwitchyardCluster.StartAsync(SwitchyardCluster.Node("a"));
        var deployment = new DeploymentSpec { Backends = new Dictionary<string, BackendSpec> { ["echo"] = Spec } };
        var key = ControlCallKey.NewKey();

        ControlCallKey.Attach(key);
        var first = await cluster.Controller.DeployAsync(deployment, CancellationToken.None);
        ControlCallKey.Attach(key);
        var retried = await cluster.Controller.DeployAsync(deployment, CancellationToken.None);
        ControlCallKey.Detach();

        Assert.Equal(["echo"], first.Deploy!.Created);
        Assert.Equal(["echo"], retried.Deploy!.Created);
    }
}
