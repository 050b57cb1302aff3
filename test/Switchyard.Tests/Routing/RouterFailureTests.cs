using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Runtime.Diagnostics;
using Switchyard.Runtime.Replicas;
using Switchyard.Runtime.Routing;

namespace Switchyard.Tests.Routing;

/// <summary>What a caller sees when a replica cannot be reached: a 503 without Orleans' internals (CONTRACT section 7).</summary>
public sealed class RouterFailureTests
{
    [Fact]
    public async Task InvokeAsync_ReplicaUnreachable_DetailNamesNoSiloOrPath()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new SwitchyardMetrics(services.GetRequiredService<IMeterFactory>());
        var grains = DispatchProxy.Create<IGrainFactory, FakeGrainFactory>();
        var channels = new ReplicaChannelFactory(grains, new LocalReplicas(), new ResponseDeadlines(TimeProvider.System, TimeSpan.FromSeconds(30)));
        var router = new Router(channels, TimeProvider.System, metrics, NullLogger<Router>.Instance);
        router.Apply(new RoutingTable
        {
            Version = 1,
            Backends = [new BackendTableEntry { Name = "b", Replicas = ["b#1"] }],
            Endpoints = [new EndpointTableEntry { Name = "e", Route = "/e", Methods = ["GET"], Traffic = TrafficTable.Create(new Dictionary<string, double> { ["b"] = 1 }) }],
        });

        var response = await router.InvokeAsync(
            router.Snapshot.ByName["e"],
            new ReplicaRequest { Method = "GET", Path = "/e", Body = [], Endpoint = "e" },
            CancellationToken.None);

        Assert.Equal(503, response.StatusCode);
        Assert.DoesNotContain("S127.0.0.1", response.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("/var/lib", response.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", response.Detail, StringComparison.Ordinal);
    }

    /// <summary>Hands out one replica grain whose calls fail the way a dead silo's do.</summary>
    public class FakeGrainFactory : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod?.Name == nameof(IGrainFactory.GetGrain) ? DispatchProxy.Create<IReplicaGrain, UnreachableReplica>() : throw new NotSupportedException(targetMethod?.Name);
    }

    public class UnreachableReplica : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name == nameof(IReplicaGrain.InvokeAsync)
            ? new ValueTask<ReplicaResponse>(Task.FromException<ReplicaResponse>(new SiloUnavailableException("Silo S127.0.0.1:11111:123456 (state dir /var/lib/switchyard) is dead")))
            : throw new NotSupportedException(targetMethod?.Name);
    }
}
