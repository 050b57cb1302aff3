using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Commands;

public sealed class DeployDiffTests
{
    private static DeploymentSpec Deployment(Dictionary<string, BackendSpec> backends, Dictionary<string, EndpointSpec>? endpoints = null) =>
        new() { Backends = backends, Endpoints = endpoints ?? [] };

    private static EndpointSpec Route(string route, Dictionary<string, double> traffic, Dictionary<string, double>? shadows = null) =>
        new() { Route = route, Methods = ["post"], Traffic = traffic, Shadows = shadows ?? [] };

    private static DesiredState Deployed(DeploymentSpec deployment, DesiredState? from = null) =>
        Accepted(DeployDiff.Apply(from ?? DesiredState.Empty, deployment, Check));

    [Fact]
    public void Apply_Empty_CreatesEverythingNamed()
    {
        var transition = DeployDiff.Apply(DesiredState.Empty, Deployment(new() { ["a"] = Echo() }, new() { ["e"] = Route("/e", new() { ["a"] = 1 }) }), Check);

        var next = Accepted(transition);
        Assert.Equal(["a", "e"], transition.Outcome.Deploy!.Created);
        Assert.Empty(transition.Outcome.Deploy.Updated);
        Assert.Equal(["POST"], next.Endpoints["e"].Methods);
        Assert.Equal(["a"], transition.Effects.Reconcile);
    }

    [Fact]
    public void Apply_SameDeploymentTwice_ChangesNothing()
    {
        var deployment = Deployment(new() { ["a"] = Echo(replicas: 2) }, new() { ["e"] = Route("/e", new() { ["a"] = 1 }) });
        var state = Deployed(deployment);

        var transition = DeployDiff.Apply(state, deployment, Check);

        var next = Accepted(transition);
        Assert.Empty(transition.Outcome.Deploy!.Created);
        Assert.Empty(transition.Outcome.Deploy.Updated);
        Assert.Empty(transition.Outcome.Deploy.Deleted);
        Assert.Empty(transition.Effects.Reconfigure);
        Assert.Same(state.Backends["a"], next.Backends["a"]);
        Assert.Same(state.Endpoints["e"], next.Endpoints["e"]);
    }

    [Fact]
    public void Apply_ConfigOnlyChanged_ReconfiguredSameGeneration()
    {
        var state = Deployed(Deployment(new() { ["a"] = Echo(replicas: 1) }));

        var transition = DeployDiff.Apply(state, Deployment(new() { ["a"] = Echo(replicas: 3) }), Check);

        var next = Accepted(transition);
        Assert.Equal(["a"], transition.Outcome.Deploy!.Updated);
        Assert.Equal(["a"], transition.Effects.Reconfigure);
        Assert.Equal(0, next.Backends["a"].Generation);
        Assert.Equal(3, next.Backends["a"].Spec.Config.NumReplicas);
    }

    [Fact]
    public void Apply_ResourcesOrInitArgsChanged_NewGenerationNotReconfigured()
    {
        var state = Deployed(Deployment(new() { ["a"] = Echo(), ["g"] = new BackendSpec { Class = "Greeter", InitArgs = J("""{"greeting":"hi"}""") } }));

        var transition = DeployDiff.Apply(
            state,
            Deployment(new() { ["a"] = Echo(cpus: 1), ["g"] = new BackendSpec { Class = "Greeter", InitArgs = J("""{"greeting":"yo"}""") } }),
            Check);

        var next = Accepted(transition);
        Assert.Equal(["a", "g"], transition.Outcome.Deploy!.Updated);
        Assert.Empty(transition.Effects.Reconfigure);
        Assert.Equal(1, next.Backends["a"].Generation);
        Assert.Equal(1, next.Backends["g"].Generation);
    }

    [Fact]
    public void Apply_InitArgsSpacedOrOrderedDifferently_NothingRestarted()
    {
        // As a file gives them, then as the store writes them back compact (after a restart the same file comes again).
        var state = Deployed(Deployment(new() { ["g"] = new BackendSpec { Class = "Greeter", InitArgs = J("{\"greeting\":\"hi\",\"times\":2}") } }));

        var transition = DeployDiff.Apply(
            state,
            Deployment(new() { ["g"] = new BackendSpec { Class = "Greeter", InitArgs = J("{ \"times\": 2,\n  \"greeting\": \"hi\" }") } }),
            Check);

        Assert.Empty(transition.Outcome.Deploy!.Updated);
        Assert.Equal(0, Accepted(transition).Backends["g"].Generation);
        Assert.Equal(1, Accepted(DeployDiff.Apply(state, Deployment(new() { ["g"] = new BackendSpec { Class = "Greeter", InitArgs = J("{\"greeting\":\"hi\",\"times\":3}") } }), Check)).Backends["g"].Generation);
    }

    [Fact]
    public void Apply_NotNamed_DeletedEndpointsThenBackendsAndRetired()
    {
        var state = Deployed(Deployment(new() { ["a"] = Echo(), ["b"] = Echo() }, new() { ["e"] = Route("/e", new() { ["b"] = 1 }) }));
        state = state.WithBackend("b", state.Backends["b"].WithReplica(Entry("b#7")));

        var transition = DeployDiff.Apply(state, Deployment(new() { ["a"] = Echo() }), Check);

        var next = Accepted(transition);
        Assert.Equal(["e", "b"], transition.Outcome.Deploy!.Deleted);
        Assert.Equal(["a"], next.Backends.Keys);
        Assert.Empty(next.Endpoints);
        var (name, retired) = Assert.Single(transition.Effects.Retire);
        Assert.Equal("b", name);
        Assert.Equal("b#7", Assert.Single(retired.Replicas).Tag);
    }

    [Fact]
    public void Apply_TrafficChanged_TableRebalancedFromTheOldOne()
    {
        var state = Deployed(Deployment(new() { ["a"] = Echo(), ["b"] = Echo() }, new() { ["e"] = Route("/e", new() { ["a"] = 0.5, ["b"] = 0.5 }) }));
        var old = state.Endpoints["e"].Table;

        var next = Deployed(Deployment(new() { ["a"] = Echo(), ["b"] = Echo() }, new() { ["e"] = Route("/e", new() { ["a"] = 0.25, ["b"] = 0.75 }) }), state);

        var expected = old.Rebalance(new Dictionary<string, double> { ["a"] = 0.25, ["b"] = 0.75 });
        Assert.Equal(expected.Starts, next.Endpoints["e"].Table.Starts);
        Assert.Equal(expected.Owners, next.Endpoints["e"].Table.Owners);
    }

    [Fact]
    public void Apply_ZeroShadows_Dropped()
    {
        var next = Deployed(Deployment(new() { ["a"] = Echo(), ["b"] = Echo() }, new() { ["e"] = Route("/e", new() { ["a"] = 1 }, new() { ["b"] = 0 }) }));
        Assert.Empty(next.Endpoints["e"].Shadows);
    }

    [Fact]
    public void Apply_Invalid_EveryProblemWithItsPathAndNothingChanges()
    {
        var state = Deployed(Deployment(new() { ["keep"] = Echo() }));
        var deployment = Deployment(
            new() { ["bad name"] = Echo(), ["neg"] = Echo(replicas: -1), ["cls"] = new BackendSpec { Class = "Nope" } },
            new()
            {
                ["e1"] = Route("/same", new() { ["neg"] = 1 }),
                ["e2"] = Route("/same", new() { ["ghost"] = 0.5, ["neg"] = 0.4 }, new() { ["neg"] = 2 }),
            });

        var transition = DeployDiff.Apply(state, deployment, Check);

        Assert.False(transition.Accepted);
        Assert.Equal(400, transition.Outcome.Status);
        var errors = transition.Outcome.Errors;
        Assert.Contains(errors, e => e.StartsWith("backends.bad name: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("backends.neg.config.num_replicas: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("backends.cls.class: ", StringComparison.Ordinal));
        Assert.Contains("endpoints.e2.route: '/same' is also the route of endpoint 'e1'", errors);
        Assert.Contains(errors, e => e.StartsWith("endpoints.e2.traffic: weights must sum to 1", StringComparison.Ordinal));
        Assert.Contains("endpoints.e2: backend 'ghost' is not declared in this deployment", errors);
        Assert.Contains(errors, e => e.StartsWith("endpoints.e2.shadows.neg: ", StringComparison.Ordinal));
    }
}
