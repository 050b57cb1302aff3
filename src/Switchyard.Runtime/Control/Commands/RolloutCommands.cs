using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Commands;

/// <summary>
/// Starting, promoting and aborting an endpoint's progressive rollout (CONTRACT section 11), as transitions of the
/// desired state; the steps in between are <see cref="Loops.RolloutStepper"/>'s. Pure logic.
/// </summary>
internal static class RolloutCommands
{
    /// <summary>Puts the endpoint on the rollout's first step, keeping the policy and table from before it.</summary>
    public static Transition Start(DesiredState state, string name, RolloutSpec spec, DateTimeOffset now)
    {
        var problems = new Problems();
        SpecValidator.ValidateRollout(spec, problems);
        if (problems.Any)
        {
            return Transition.Reject(Outcome.Invalid(problems));
        }

        var missing = new List<string>();
        if (!state.Endpoints.TryGetValue(name, out var endpoint))
        {
            missing.Add($"endpoint '{name}' does not exist");
        }

        if (!state.Backends.ContainsKey(spec.To))
        {
            missing.Add($"backend '{spec.To}' does not exist");
        }

        if (missing.Count > 0)
        {
            return Transition.Reject(Outcome.NotFound(missing));
        }

        if (endpoint!.RunningRollout is { } running)
        {
            return Transition.Reject(Outcome.Conflict($"endpoint '{name}' already has a rollout to '{running.To}' running (step {running.Step}); promote it or DELETE it first"));
        }

        if (endpoint.Traffic.GetValueOrDefault(spec.To) >= 1 - SpecValidator.WeightTolerance)
        {
            return Transition.Reject(Outcome.Conflict($"endpoint '{name}' already sends all of its traffic to '{spec.To}'"));
        }

        var rollout = new RolloutState(spec with { Steps = [.. spec.Steps] }, 0, RolloutPhase.Running, null, now, now, endpoint.Traffic, endpoint.Table, null);
        return Transition.Accept(Outcome.Created, state.WithEndpoint(name, MoveTo(endpoint with { Rollout = rollout }, rollout.WeightsAt(rollout.Weight))));
    }

    /// <summary>Sends all traffic to the target at once; the rollout has succeeded.</summary>
    public static Transition Promote(DesiredState state, string name, StepFigures observed)
    {
        if (Running(state, name, out var endpoint, out var rollout) is { } rejected)
        {
            return rejected;
        }

        var ended = rollout with
        {
            Phase = RolloutPhase.Succeeded,
            Step = rollout.Spec.Steps.Count - 1,
            Reason = $"promoted by hand at step {rollout.Step} (weight {rollout.Weight})",
            Verdict = observed,
        };
        return Transition.Accept(Outcome.Ok, state.WithEndpoint(name, MoveTo(endpoint with { Rollout = ended }, ended.WeightsAt(1))));
    }

    /// <summary>Puts the policy from before the rollout back, shard-key table and all; the rollout is aborted.</summary>
    public static Transition Abort(DesiredState state, string name, StepFigures observed)
    {
        if (Running(state, name, out var endpoint, out var rollout) is { } rejected)
        {
            return rejected;
        }

        var ended = rollout with { Phase = RolloutPhase.Aborted, Reason = $"aborted by hand at step {rollout.Step} (weight {rollout.Weight})", Verdict = observed };
        return Transition.Accept(Outcome.Ok, state.WithEndpoint(name, RestoreBefore(endpoint, ended)));
    }

    /// <summary>The endpoint at <paramref name="weights"/>, its table rebalanced so only the keys that must move move.</summary>
    public static EndpointState MoveTo(EndpointState endpoint, IReadOnlyDictionary<string, double> weights) =>
        endpoint with { Traffic = weights, Table = endpoint.Table.Rebalance(weights) };

    /// <summary>The endpoint with the weights and the very table it had before <paramref name="ended"/> began.</summary>
    public static EndpointState RestoreBefore(EndpointState endpoint, RolloutState ended) =>
        endpoint with { Traffic = ended.BeforeTraffic, Table = ended.BeforeTable, Rollout = ended };

    /// <summary>Why a change by hand to an endpoint's traffic is refused while its rollout runs.</summary>
    public static string RunningMessage(string name, RolloutState rollout) =>
        $"endpoint '{name}' has a rollout to '{rollout.To}' running (step {rollout.Step}); its traffic changes only through the rollout until it is promoted or DELETEd";

    private static Transition? Running(DesiredState state, string name, out EndpointState endpoint, out RolloutState rollout)
    {
        endpoint = null!;
        rollout = null!;
        if (!state.Endpoints.TryGetValue(name, out var found))
        {
            return Transition.Reject(Outcome.NotFound($"endpoint '{name}' does not exist"));
        }

        if (found.Rollout is null)
        {
            return Transition.Reject(Outcome.NotFound($"endpoint '{name}' has no rollout"));
        }

        if (found.RunningRollout is not { } running)
        {
            return Transition.Reject(Outcome.Conflict($"the rollout of endpoint '{name}' is not running (it {Ended(found.Rollout.Phase)})"));
        }

        endpoint = found;
        rollout = running;
        return null;
    }

    private static string Ended(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Succeeded => "succeeded",
        RolloutPhase.RolledBack => "was rolled back",
        _ => "was aborted",
    };
}
