using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Views;
using Switchyard.Runtime.Replicas;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Views;

public sealed class RoutingTableBuilderTests
{
    [Fact]
    public void Build_OnlyRunningNotDrainingReplicasAreRouted()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(), Entry("a#1"), Entry("a#2"), Entry("a#3", draining: true), Entry("a#4", node: null));
        var statuses = Statuses(("a#1", ReplicaState.Running), ("a#2", ReplicaState.Starting), ("a#3", ReplicaState.Running), ("a#4", ReplicaState.Pending));

        var table = RoutingTableBuilder.Build(state, statuses, version: 42);

        Assert.Equal(42, table.Version);
        var backend = Assert.Single(table.Backends);
        Assert.Equal(["a#1"], backend.Replicas);
        Assert.Equal(1, backend.StateCounts[(int)ReplicaState.Running]);
        Assert.Equal(1, backend.StateCounts[(int)ReplicaState.Starting]);
        Assert.Equal(1, backend.StateCounts[(int)ReplicaState.Draining]);
        Assert.Equal(1, backend.StateCounts[(int)ReplicaState.Pending]);
    }

    [Fact]
    public void Build_Endpoints_CarryTheirTableShadowsAndLimits()
    {
        var spec = Echo() with { Config = new BackendConfig { MaxConcurrentQueries = 7, MaxQueuedRequests = 3, RequestTimeoutS = 1.5 } };
        var state = DesiredState.Empty.WithBackend("a", spec).WithBackend("b", Echo());
        state = Accepted(EndpointCommands.Create(state, "e", "a", "/e", ["POST"]));
        state = Accepted(EndpointCommands.SetShadow(state, "e", "b", 0.25));

        var table = RoutingTableBuilder.Build(state, new Dictionary<string, ReplicaStatus>(), 1);

        var endpoint = Assert.Single(table.Endpoints);
        Assert.Equal(("e", "/e"), (endpoint.Name, endpoint.Route));
        Assert.Equal(["POST"], endpoint.Methods);
        Assert.Same(state.Endpoints["e"].Table, endpoint.Traffic);
        Assert.Equal([new KeyValuePair<string, double>("b", 0.25)], endpoint.Shadows);
        var a = table.Backends.Single(b => b.Name == "a");
        Assert.Equal((7, 3, 1.5), (a.MaxConcurrentQueries, a.MaxQueuedRequests, a.RequestTimeoutS!.Value));
    }

    [Fact]
    public void Build_AutoscaledBackendAndRunningRollout_TargetStepAndReportInterval()
    {
        var scaled = Echo() with { Config = new BackendConfig { AutoscalingConfig = new AutoscalingConfig { MetricsIntervalS = 0.5 } } };
        var state = RolloutTestData.Started(RolloutTestData.Endpoint(("v1", 1)), RolloutTestData.Spec(interval: 2))
            .WithBackend("s", BackendState.New(scaled) with { AutoscaleTarget = 3 });

        var table = RoutingTableBuilder.Build(state, new Dictionary<string, ReplicaStatus>(), 1);

        Assert.Equal(3, table.Backends.Single(b => b.Name == "s").AutoscaleTarget);
        Assert.True(table.Backends.Single(b => b.Name == "s").Autoscaled);
        Assert.Null(table.Backends.Single(b => b.Name == "v1").AutoscaleTarget);
        Assert.Equal(0, table.Endpoints.Single().RolloutStep);
        Assert.Equal(0.2, table.FigureIntervalS, 12); // a tenth of the rollout's step
        Assert.Equal(RoutingTableBuilder.DefaultFigureIntervalS, RoutingTableBuilder.FigureInterval(DesiredState.Empty));
    }

    [Fact]
    public void Build_RunningRolloutWithErrorThreshold_GuardWithTheTableFromBefore()
    {
        var before = RolloutTestData.Endpoint(("v1", 0.7), ("v3", 0.3));
        var state = RolloutTestData.Started(before, RolloutTestData.Spec(minRequests: 20, maxErrorRate: 0.05));

        var guard = RoutingTableBuilder.Build(state, new Dictionary<string, ReplicaStatus>(), 1).Endpoints.Single().Guard;

        Assert.NotNull(guard);
        Assert.Equal(("v2", 0, 20, 0.05), (guard.Target, guard.Step, guard.MinRequests, guard.MaxErrorRate));
        Assert.Equal(RolloutTestData.T0.UtcTicks, guard.StepStartedTicks);
        Assert.Same(before.Endpoints["e"].Table, guard.Fallback);
        Assert.Null(RoutingTableBuilder.Build(before, new Dictionary<string, ReplicaStatus>(), 1).Endpoints.Single().Guard);
        var latencyOnly = RolloutTestData.Started(before, RolloutTestData.Spec(maxErrorRate: null));
        Assert.Null(RoutingTableBuilder.Build(latencyOnly, new Dictionary<string, ReplicaStatus>(), 1).Endpoints.Single().Guard);
    }
}
