using Orleans.Serialization;
using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;
using Switchyard.Tests.Support;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Stored;

public sealed class StoredStateTests
{
    private static readonly Serializer Serializer = NodeSerializer.Instance;

    private static DesiredState Sample()
    {
        var state = DesiredState.Empty.WithBackend("a", Echo(replicas: 2, cpus: 0.5)).WithBackend("b", Echo());
        state = state.WithBackend("a", state.Backends["a"].WithReplica(Entry("a#1") with { GpuIds = [0, 1] }).WithReplica(Entry("a#2", node: null, draining: true)) with { Generation = 3 });
        state = Accepted(EndpointCommands.Create(state, "e", "a", "/e", ["POST"]));
        state = Accepted(EndpointCommands.SetTraffic(state, "e", new Dictionary<string, double> { ["b"] = 0.3, ["a"] = 0.7 }));
        state = Accepted(EndpointCommands.SetShadow(state, "e", "b", 0.1));
        return state with
        {
            NextReplicaId = 12,
            Calls = RecentCalls.Empty.Add("k1", Outcome.Created).Add("k2", new Outcome(200, [], new DeployResult { Deleted = ["x"] })),
        };
    }

    [Fact]
    public void FromDesired_ThroughTheSerializerAndBack_SameDesiredState()
    {
        var state = Sample();

        var stored = Serializer.Deserialize<ControllerState>(Serializer.SerializeToArray(StoredState.FromDesired(state)))!;
        var back = StoredState.ToDesired(stored);

        Assert.Equal(state.NextReplicaId, back.NextReplicaId);
        Assert.Equal(["a", "b"], back.Backends.Keys);
        var a = back.Backends["a"];
        Assert.Equal(3, a.Generation);
        Assert.Equal(0.5, a.Spec.Resources.NumCpus);
        Assert.Equal(state.Backends["a"].Replicas, a.Replicas, ReplicaComparer.Instance);
        var e = back.Endpoints["e"];
        Assert.Equal(["b", "a"], e.Traffic.Keys);
        Assert.Equal(state.Endpoints["e"].Table.Starts, e.Table.Starts);
        Assert.Equal(state.Endpoints["e"].Table.Owners, e.Table.Owners);
        Assert.Equal(0.1, e.Shadows["b"]);
        Assert.Equal(201, back.Calls.Find("k1")!.Status);
        Assert.Equal(["x"], back.Calls.Find("k2")!.Deploy!.Deleted);
    }

    [Fact]
    public void ToDesired_StateWrittenBeforeCallsWereKept_NoCalls()
    {
        var stored = StoredState.FromDesired(Sample());
        stored.Calls = null!;
        Assert.Equal(0, StoredState.ToDesired(stored).Calls.Count);
    }

    private sealed class ReplicaComparer : IEqualityComparer<ReplicaEntry>
    {
        public static readonly ReplicaComparer Instance = new();

        public bool Equals(ReplicaEntry? x, ReplicaEntry? y) =>
            x!.Tag == y!.Tag && x.Generation == y.Generation && x.NodeId == y.NodeId && x.Draining == y.Draining && x.GpuIds.SequenceEqual(y.GpuIds);

        public int GetHashCode(ReplicaEntry obj) => obj.Tag.GetHashCode(StringComparison.Ordinal);
    }

    [Fact]
    public void FromDesired_RolloutAndAutoscaleTarget_ThroughTheSerializerAndBack()
    {
        var scaled = Echo() with { Config = new BackendConfig { AutoscalingConfig = new AutoscalingConfig { MinReplicas = 0, MaxReplicas = 9 } } };
        var state = Sample().WithBackend("s", BackendState.New(scaled) with { AutoscaleTarget = 7 });
        var before = state.Endpoints["e"];
        state = Accepted(RolloutCommands.Start(state, "e", new RolloutSpec { To = "s", Steps = [0.2, 1], StepIntervalS = 4, Analysis = new RolloutAnalysis { MinRequests = 3, MaxErrorRate = 0.1 } }, new DateTimeOffset(2025, 2, 3, 4, 5, 6, TimeSpan.Zero)));

        var back = StoredState.ToDesired(Serializer.Deserialize<ControllerState>(Serializer.SerializeToArray(StoredState.FromDesired(state)))!);

        Assert.Equal(7, back.Backends["s"].AutoscaleTarget);
        Assert.Equal(9, back.Backends["s"].Spec.Config.AutoscalingConfig!.MaxReplicas);
        var rollout = back.Endpoints["e"].Rollout!;
        var original = state.Endpoints["e"].Rollout!;
        Assert.Equal((original.Step, original.Phase, original.StartedAt, original.StepStartedAt), (rollout.Step, rollout.Phase, rollout.StartedAt, rollout.StepStartedAt));
        Assert.Equal(original.Spec.Steps, rollout.Spec.Steps);
        Assert.Equal(original.Spec.Analysis, rollout.Spec.Analysis);
        Assert.Equal(before.Traffic, rollout.BeforeTraffic);
        Assert.Equal(before.Table.Starts, rollout.BeforeTable.Starts);
        Assert.Equal(before.Table.Owners, rollout.BeforeTable.Owners);
        Assert.Null(rollout.Verdict);
    }

    [Fact]
    public void ToDesired_AutoscaledWithoutStoredTarget_StartsFromTheConfig()
    {
        var stored = StoredState.FromDesired(DesiredState.Empty.WithBackend("s", Echo() with { Config = new BackendConfig { AutoscalingConfig = new AutoscalingConfig { MinReplicas = 2, MaxReplicas = 3 } } }));
        stored.Backends["s"].AutoscaleTarget = null;

        Assert.Equal(2, StoredState.ToDesired(stored).Backends["s"].AutoscaleTarget);
    }
}
