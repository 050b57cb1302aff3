using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;
using static Switchyard.Tests.Control.RolloutTestData;

namespace Switchyard.Tests.Control.Commands;

public sealed class RolloutCommandsTests
{
    [Fact]
    public void Start_FirstStep_TargetGetsItsWeightAndThePolicyBeforeIsKept()
    {
        var state = Endpoint(("v1", 1));
        var table = state.Endpoints["e"].Table;

        var transition = RolloutCommands.Start(state, "e", Spec(), T0);

        Assert.Equal(201, transition.Outcome.Status);
        var endpoint = Accepted(transition).Endpoints["e"];
        Assert.Equal(0.1, endpoint.Traffic["v2"], 12);
        Assert.Equal(0.9, endpoint.Traffic["v1"], 12);
        var rollout = endpoint.Rollout!;
        Assert.Equal((0, RolloutPhase.Running, T0, T0), (rollout.Step, rollout.Phase, rollout.StartedAt, rollout.StepStartedAt));
        Assert.Same(table, rollout.BeforeTable);
        Assert.Equal(1.0, rollout.BeforeTraffic["v1"]);
        var expected = table.Rebalance(endpoint.Traffic);
        Assert.Equal(expected.Starts, endpoint.Table.Starts);
        Assert.Equal(expected.Owners, endpoint.Table.Owners);
    }

    [Fact]
    public void Start_MissingEndpointAndTarget_BothNotFound()
    {
        var transition = RolloutCommands.Start(Endpoint(("v1", 1)), "nope", Spec(to: "ghost"), T0);
        Assert.Equal(404, transition.Outcome.Status);
        Assert.Equal(["endpoint 'nope' does not exist", "backend 'ghost' does not exist"], transition.Outcome.Errors);
    }

    [Fact]
    public void Start_InvalidSpec_BadRequestBeforeNotFound()
    {
        var transition = RolloutCommands.Start(Endpoint(("v1", 1)), "nope", Spec(steps: [0.5]), T0);
        Assert.Equal(400, transition.Outcome.Status);
    }

    [Fact]
    public void Start_OneAlreadyRunning_Conflict()
    {
        var transition = RolloutCommands.Start(Started(Endpoint(("v1", 1))), "e", Spec(to: "v3"), T0);
        Assert.Equal(409, transition.Outcome.Status);
        Assert.Equal(["endpoint 'e' already has a rollout to 'v2' running (step 0); promote it or DELETE it first"], transition.Outcome.Errors);
    }

    [Fact]
    public void Start_TargetHasAllTraffic_Conflict() =>
        Assert.Equal(409, RolloutCommands.Start(Endpoint(("v2", 1)), "e", Spec(), T0).Outcome.Status);

    [Fact]
    public void Start_AfterOneEnded_Accepted()
    {
        var aborted = Accepted(RolloutCommands.Abort(Started(Endpoint(("v1", 1))), "e", StepFigures.None));
        Assert.Equal(201, RolloutCommands.Start(aborted, "e", Spec(), T0).Outcome.Status);
    }

    [Fact]
    public void Abort_Running_ExactlyThePolicyAndTableFromBefore()
    {
        var state = Endpoint(("v1", 0.6), ("v3", 0.4));
        var before = state.Endpoints["e"];

        var transition = RolloutCommands.Abort(Started(state), "e", new StepFigures(12, 1, 30));

        var endpoint = Accepted(transition).Endpoints["e"];
        Assert.Equal(200, transition.Outcome.Status);
        Assert.Same(before.Table, endpoint.Table);
        Assert.Same(before.Traffic, endpoint.Traffic);
        Assert.Equal(RolloutPhase.Aborted, endpoint.Rollout!.Phase);
        Assert.Equal(new StepFigures(12, 1, 30), endpoint.Rollout.Verdict);
    }

    [Fact]
    public void Promote_Running_AllTrafficToTheTargetNow()
    {
        var endpoint = Accepted(RolloutCommands.Promote(Started(Endpoint(("v1", 1))), "e", StepFigures.None)).Endpoints["e"];

        Assert.Equal(["v2"], endpoint.Traffic.Keys);
        Assert.Equal(["v2"], endpoint.Table.Owners);
        Assert.Equal((RolloutPhase.Succeeded, 2), (endpoint.Rollout!.Phase, endpoint.Rollout.Step));
        Assert.StartsWith("promoted by hand at step 0", endpoint.Rollout.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void PromoteAndAbort_NotRunningOrNone_ConflictOrNotFound()
    {
        var ended = Accepted(RolloutCommands.Promote(Started(Endpoint(("v1", 1))), "e", StepFigures.None));
        Assert.Equal(409, RolloutCommands.Abort(ended, "e", StepFigures.None).Outcome.Status);
        Assert.Equal(404, RolloutCommands.Promote(Endpoint(("v1", 1)), "e", StepFigures.None).Outcome.Status);
        Assert.Equal(404, RolloutCommands.Abort(ended, "other", StepFigures.None).Outcome.Status);
    }

    [Fact]
    public void SetTraffic_WhileRunning_ConflictAndNothingChanges()
    {
        var transition = EndpointCommands.SetTraffic(Started(Endpoint(("v1", 1))), "e", new Dictionary<string, double> { ["v1"] = 1 });

        Assert.Equal(409, transition.Outcome.Status);
        Assert.Null(transition.Next);
        Assert.Contains("has a rollout to 'v2' running", Assert.Single(transition.Outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_WhileRunning_ThePolicyFromBeforeKeepsTheRolloutOtherTrafficConflicts()
    {
        var state = Started(Endpoint(("v1", 1)));
        var backends = new Dictionary<string, BackendSpec> { ["v1"] = Echo(), ["v2"] = Echo(), ["v3"] = Echo() };
        DeploymentSpec File(Dictionary<string, double> traffic, Dictionary<string, BackendSpec>? b = null) => new()
        {
            Backends = b ?? backends,
            Endpoints = new Dictionary<string, EndpointSpec> { ["e"] = new() { Route = "/e", Traffic = traffic } },
        };

        var kept = Accepted(DeployDiff.Apply(state, File(new() { ["v1"] = 1 }), Check));
        Assert.Same(state.Endpoints["e"].Table, kept.Endpoints["e"].Table);
        Assert.True(kept.Endpoints["e"].Rollout!.IsRunning);

        var changed = DeployDiff.Apply(state, File(new() { ["v3"] = 1 }), Check);
        Assert.Equal(409, changed.Outcome.Status);

        var targetDropped = DeployDiff.Apply(state, File(new() { ["v1"] = 1 }, new() { ["v1"] = Echo() }), Check);
        Assert.Equal(409, targetDropped.Outcome.Status);
        Assert.Contains("'v2' is the target of the rollout running on endpoint 'e'", Assert.Single(targetDropped.Outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteBackend_InThePolicyARollbackRestores_ConflictAndNothingChanges()
    {
        // At the last step (1.0) the old backend takes no traffic, but a rollback would route to it again.
        var state = Started(Endpoint(("v1", 0.5), ("v3", 0.5)), Spec(steps: [1.0]));
        Assert.Equal(["v2"], state.Endpoints["e"].Traffic.Keys);

        var transition = BackendCommands.Delete(state, "v1");

        Assert.Equal(409, transition.Outcome.Status);
        Assert.Null(transition.Next);
        Assert.Equal(["backend 'v1' is in the policy the rollout running on endpoint 'e' rolls back to (promote or DELETE the rollout first)"], transition.Outcome.Errors);
        Assert.Equal(409, BackendCommands.Delete(state, "v2").Outcome.Status);
    }

    [Fact]
    public void DeleteBackend_AfterTheRolloutEnded_Deleted()
    {
        var state = Accepted(RolloutCommands.Promote(Started(Endpoint(("v1", 1)), Spec(steps: [1.0])), "e", StepFigures.None));

        Assert.Equal(204, BackendCommands.Delete(state, "v1").Outcome.Status);
    }

    [Fact]
    public void Deploy_DropsABackendARollbackRestores_ConflictNamingItAndNothingChanges()
    {
        var state = Started(Endpoint(("v1", 0.5), ("v3", 0.5)), Spec(steps: [1.0]));
        var file = new DeploymentSpec
        {
            Backends = new Dictionary<string, BackendSpec> { ["v2"] = Echo(), ["v3"] = Echo() },
            Endpoints = new Dictionary<string, EndpointSpec> { ["e"] = new() { Route = "/e", Traffic = new Dictionary<string, double> { ["v2"] = 1 } } },
        };

        var transition = DeployDiff.Apply(state, file, Check);

        Assert.Equal(409, transition.Outcome.Status);
        Assert.Null(transition.Next);
        Assert.Equal(["backends: 'v1' is in the policy the rollout running on endpoint 'e' rolls back to (promote or DELETE the rollout first)"], transition.Outcome.Errors);
    }
}
