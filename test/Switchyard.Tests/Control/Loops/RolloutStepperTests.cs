using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Routing;
using static Switchyard.Tests.Control.RolloutTestData;

namespace Switchyard.Tests.Control.Loops;

public sealed class RolloutStepperTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly FigureWindow _figures = new();
    private readonly RolloutStepper _stepper = new();

    private void Report(DateTimeOffset at, string backend, long ok, long errors = 0, double latencyMs = 10) =>
        _figures.Add("n1", at, Second, FigureWindowTests.Sample(backend, 1, ok, errors, latencyMs));

    private DesiredState Step(DesiredState state, DateTimeOffset now) =>
        _stepper.Step(state, _figures, now) is { Next: { } next } ? next : state;

    [Fact]
    public void Step_HealthyStepOverItsInterval_NextWeightWithOnlyTheKeysThatMustMove()
    {
        var state = Started(Endpoint(("v1", 1)));
        Report(T0.AddSeconds(5), "v2", ok: 40);
        Assert.Same(state, Step(state, T0.AddSeconds(9)));

        var next = Step(state, T0.AddSeconds(10));

        var endpoint = next.Endpoints["e"];
        Assert.Equal((1, T0.AddSeconds(10)), (endpoint.Rollout!.Step, endpoint.Rollout.StepStartedAt));
        Assert.Equal(0.5, endpoint.Traffic["v2"], 12);
        var before = state.Endpoints["e"].Table;
        var moved = Enumerable.Range(0, 10_000).Select(i => ShardKeyHash.Point($"user-{i}")).Count(p => before.Lookup(p) != endpoint.Table.Lookup(p));
        Assert.InRange(moved, 3600, 4400); // 0.4 of the space moved, from v1 to v2 only
        Assert.All(Enumerable.Range(0, 10_000).Select(i => ShardKeyHash.Point($"user-{i}")).Where(p => before.Lookup(p) == "v2"), p => Assert.Equal("v2", endpoint.Table.Lookup(p)));
    }

    [Fact]
    public void Step_FewerThanMinRequests_WaitsPastTheInterval()
    {
        var state = Started(Endpoint(("v1", 1)));
        Report(T0.AddSeconds(5), "v2", ok: 9);

        Assert.Same(state, Step(state, T0.AddSeconds(60)));

        Report(T0.AddSeconds(61), "v2", ok: 1);
        Assert.Equal(1, Step(state, T0.AddSeconds(61)).RolloutOf().Step);
    }

    [Fact]
    public void Step_ErrorRateAboveTheBound_RolledBackAtOnceToTheVeryTableFromBefore()
    {
        var state = Endpoint(("v1", 0.7), ("v3", 0.3));
        var before = state.Endpoints["e"];
        state = Started(state);
        Report(T0.AddSeconds(1), "v2", ok: 16, errors: 4);

        var next = Step(state, T0.AddSeconds(1));

        var endpoint = next.Endpoints["e"];
        Assert.Same(before.Table, endpoint.Table);
        Assert.Same(before.Traffic, endpoint.Traffic);
        var rollout = endpoint.Rollout!;
        Assert.Equal(RolloutPhase.RolledBack, rollout.Phase);
        Assert.Equal("error rate 0.2 above max_error_rate 0.05 over 20 requests at step 0 (weight 0.1)", rollout.Reason);
        Assert.Equal(new StepFigures(20, 4, rollout.Verdict!.P99LatencyMs), rollout.Verdict);
    }

    [Fact]
    public void Step_ErrorsBeforeMinRequests_NotJudgedYet()
    {
        var state = Started(Endpoint(("v1", 1)));
        Report(T0.AddSeconds(1), "v2", ok: 5, errors: 4);

        Assert.Same(state, Step(state, T0.AddSeconds(1)));
    }

    [Fact]
    public void Step_P99AboveTheBound_RolledBack()
    {
        var state = Started(Endpoint(("v1", 1)));
        Report(T0.AddSeconds(2), "v2", ok: 20, latencyMs: 400);

        var rollout = Step(state, T0.AddSeconds(2)).RolloutOf();

        Assert.Equal(RolloutPhase.RolledBack, rollout.Phase);
        Assert.StartsWith("p99 latency ", rollout.Reason, StringComparison.Ordinal);
        Assert.Contains("above max_p99_latency_ms 200 over 20 requests at step 0", rollout.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_FiguresFromBeforeTheStep_NotCounted()
    {
        var state = Started(Endpoint(("v1", 1)));
        Report(T0.AddSeconds(-1), "v2", ok: 0, errors: 50); // the target failed before the rollout began

        Assert.Same(state, Step(state, T0.AddSeconds(1)));
    }

    [Fact]
    public void Step_LastStepHeld_SucceededWithAllTrafficOnTheTarget()
    {
        var state = Started(Endpoint(("v1", 1)), Spec(steps: [0.5, 1.0]));
        Report(T0.AddSeconds(5), "v2", ok: 20);
        state = Step(state, T0.AddSeconds(10));
        Report(T0.AddSeconds(15), "v2", ok: 20);
        Assert.Equal(RolloutPhase.Running, Step(state, T0.AddSeconds(19)).RolloutOf().Phase);

        var next = Step(state, T0.AddSeconds(20));

        Assert.Equal((RolloutPhase.Succeeded, 1), (next.RolloutOf().Phase, next.RolloutOf().Step));
        Assert.Equal(["v2"], next.Endpoints["e"].Traffic.Keys);
        Assert.Equal(20, next.RolloutOf().Verdict!.Requests);
    }

    [Fact]
    public void Step_NoRolloutRunning_Null() =>
        Assert.Null(_stepper.Step(Endpoint(("v1", 1)), _figures, T0));
}
