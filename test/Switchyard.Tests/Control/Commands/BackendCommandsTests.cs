using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control.Commands;

public sealed class BackendCommandsTests
{
    [Fact]
    public void Create_NewName_AddsTheBackendAndReconcilesIt()
    {
        var transition = BackendCommands.Create(DesiredState.Empty, "echo", Echo(replicas: 2), Check);

        var next = Accepted(transition);
        Assert.Equal(201, transition.Outcome.Status);
        Assert.Equal(2, next.Backends["echo"].Spec.Config.NumReplicas);
        Assert.Equal(0, next.Backends["echo"].Generation);
        Assert.Empty(next.Backends["echo"].Replicas);
        Assert.Equal(["echo"], transition.Effects.Reconcile);
    }

    [Fact]
    public void Create_EveryProblem_ReportedAtOnceAndNothingChanges()
    {
        var spec = new BackendSpec
        {
            Class = "Greeter",
            InitArgs = J("""{"greting":"hi"}"""),
            Config = new BackendConfig { NumReplicas = -1, MaxBatchSize = 4 },
            Resources = new BackendResources { NumCpus = -2 },
        };

        var transition = BackendCommands.Create(DesiredState.Empty, "bad name!", spec, Check);

        Assert.False(transition.Accepted);
        Assert.Equal(400, transition.Outcome.Status);
        var errors = string.Join("\n", transition.Outcome.Errors);
        Assert.Contains("name: 'bad name!' is not a valid backend name", errors, StringComparison.Ordinal);
        Assert.Contains("config.num_replicas", errors, StringComparison.Ordinal);
        Assert.Contains("resources.num_cpus", errors, StringComparison.Ordinal);
        Assert.Contains("config.max_batch_size: is 4 but 'Greeter' is not a batch backend", errors, StringComparison.Ordinal);
        Assert.Contains("init_args", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownClass_NamesTheClass()
    {
        var transition = BackendCommands.Create(DesiredState.Empty, "x", new BackendSpec { Class = "Nope" }, Check);
        Assert.Equal(400, transition.Outcome.Status);
        Assert.StartsWith("class: class 'Nope' is not a registered backend type", Assert.Single(transition.Outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NameTaken_Conflict()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo());
        var transition = BackendCommands.Create(state, "echo", Echo(), Check);
        Assert.Equal(409, transition.Outcome.Status);
        Assert.Equal(["backend 'echo' already exists"], transition.Outcome.Errors);
        Assert.Null(transition.Next);
    }

    [Fact]
    public void UpdateConfig_PartialPatch_MergesKeepsGenerationAndReconfiguresInPlace()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo(replicas: 1), Entry("echo#1"));

        var transition = BackendCommands.UpdateConfig(state, "echo", """{"num_replicas":3,"user_config":{"a":1}}""", Check);

        var next = Accepted(transition);
        var backend = next.Backends["echo"];
        Assert.Equal(3, backend.Spec.Config.NumReplicas);
        Assert.Equal(100, backend.Spec.Config.MaxConcurrentQueries);
        Assert.Equal(0, backend.Generation);
        Assert.Equal(["echo#1"], backend.Replicas.Select(r => r.Tag));
        Assert.Equal(["echo"], transition.Effects.Reconfigure);
        Assert.Equal(["echo"], transition.Effects.Reconcile);
    }

    [Fact]
    public void UpdateConfig_InvalidPatch_EveryProblemAndNothingChanges()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo());
        var transition = BackendCommands.UpdateConfig(state, "echo", """{"num_replicas":-1,"max_concurrent_queries":0,"nope":1}""", Check);
        Assert.Equal(400, transition.Outcome.Status);
        Assert.True(transition.Outcome.Errors.Count >= 3, string.Join("; ", transition.Outcome.Errors));
        Assert.Null(transition.Next);
    }

    [Fact]
    public void UpdateConfig_NotJson_Invalid()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo());
        var transition = BackendCommands.UpdateConfig(state, "echo", "{", Check);
        Assert.Equal(400, transition.Outcome.Status);
        Assert.StartsWith("the body is not valid JSON", Assert.Single(transition.Outcome.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateConfig_Missing_NotFound()
    {
        var transition = BackendCommands.UpdateConfig(DesiredState.Empty, "ghost", "{}", Check);
        Assert.Equal(404, transition.Outcome.Status);
        Assert.Equal(["backend 'ghost' does not exist"], transition.Outcome.Errors);
    }

    [Fact]
    public void Delete_Unused_RemovesAndRetiresItsReplicas()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo(), Entry("echo#1"));

        var transition = BackendCommands.Delete(state, "echo");

        var next = Accepted(transition);
        Assert.Equal(204, transition.Outcome.Status);
        Assert.Empty(next.Backends);
        var (name, retired) = Assert.Single(transition.Effects.Retire);
        Assert.Equal("echo", name);
        Assert.Equal(["echo#1"], retired.Replicas.Select(r => r.Tag));
    }

    [Fact]
    public void Delete_UsedByEndpoints_ConflictNamingEach()
    {
        var state = DesiredState.Empty.WithBackend("echo", Echo()).WithBackend("other", Echo());
        state = Accepted(EndpointCommands.Create(state, "a", "echo", "/a", null));
        state = Accepted(EndpointCommands.Create(state, "b", "other", "/b", null));
        state = Accepted(EndpointCommands.SetShadow(state, "b", "echo", 0.5));

        var transition = BackendCommands.Delete(state, "echo");

        Assert.Equal(409, transition.Outcome.Status);
        Assert.Equal(["backend 'echo' is in use by endpoint 'a'", "backend 'echo' is in use by endpoint 'b'"], transition.Outcome.Errors);
    }

    [Fact]
    public void Delete_Missing_NotFound()
    {
        Assert.Equal(404, BackendCommands.Delete(DesiredState.Empty, "ghost").Outcome.Status);
    }

    [Fact]
    public void Create_Autoscaled_TargetStartsAtInitialReplicas()
    {
        var spec = Echo() with { Config = new BackendConfig { AutoscalingConfig = new AutoscalingConfig { MinReplicas = 0, MaxReplicas = 5, InitialReplicas = 2 } } };

        var backend = Accepted(BackendCommands.Create(DesiredState.Empty, "a", spec, Check)).Backends["a"];

        Assert.Equal(2, backend.AutoscaleTarget);
        Assert.Equal(2, backend.DesiredReplicas);
    }

    [Fact]
    public void UpdateConfig_AutoscalingOnThenNull_TargetFromTheCountThenBackToNumReplicas()
    {
        var state = Accepted(BackendCommands.Create(DesiredState.Empty, "a", Echo(replicas: 3), Check));

        state = Accepted(BackendCommands.UpdateConfig(state, "a", """{"autoscaling_config": {"min_replicas": 1, "max_replicas": 4}}""", Check));
        Assert.Equal(3, state.Backends["a"].AutoscaleTarget);

        var transition = BackendCommands.UpdateConfig(state, "a", """{"autoscaling_config": null}""", Check);
        var backend = Accepted(transition).Backends["a"];
        Assert.Null(backend.AutoscaleTarget);
        Assert.Equal(3, backend.DesiredReplicas);
        Assert.Equal(["a"], transition.Effects.Reconcile);
    }

    [Fact]
    public void UpdateConfig_NumReplicasWithAutoscaling_BadRequestNamingBothAndNothingChanges()
    {
        var state = Accepted(BackendCommands.Create(DesiredState.Empty, "a", Echo(), Check));

        var transition = BackendCommands.UpdateConfig(state, "a", """{"num_replicas": 2, "autoscaling_config": {"max_replicas": 3}}""", Check);

        Assert.Equal(400, transition.Outcome.Status);
        Assert.Null(transition.Next);
        var error = Assert.Single(transition.Outcome.Errors);
        Assert.Contains("num_replicas", error, StringComparison.Ordinal);
        Assert.Contains("autoscaling_config", error, StringComparison.Ordinal);
    }
}
