using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>
/// The rollout loop (CONTRACT section 11): for each endpoint whose rollout runs, the target's requests since its step
/// began are judged continuously (<see cref="RolloutJudge"/>): a crossed threshold rolls the endpoint back at once to
/// the policy and table it had before. A step that lasted <c>step_interval_s</c> with at least <c>min_requests</c>
/// requests moves to the next weight, or, on the last, the rollout has succeeded. The rollout's state is all in the
/// desired state, so this loop keeps no memory. Pure logic.
/// </summary>
internal sealed class RolloutStepper : IControlLoop
{
    public Transition? Step(DesiredState state, FigureWindow figures, DateTimeOffset now)
    {
        var next = state;
        foreach (var (name, endpoint) in state.Endpoints)
        {
            if (endpoint.RunningRollout is not { } rollout)
            {
                continue;
            }

            var seen = figures.Answered(rollout.To, rollout.StepStartedAt);
            if (RolloutJudge.Breach(rollout, seen) is { } reason)
            {
                var rolledBack = rollout with { Phase = RolloutPhase.RolledBack, Reason = reason, Verdict = seen };
                next = next.WithEndpoint(name, RolloutCommands.RestoreBefore(endpoint, rolledBack));
                continue;
            }

            if (now - rollout.StepStartedAt < TimeSpan.FromSeconds(rollout.Spec.StepIntervalS) || seen.Requests < rollout.Spec.Analysis.MinRequests)
            {
                continue;
            }

            if (rollout.IsLastStep)
            {
                var succeeded = rollout with { Phase = RolloutPhase.Succeeded, Reason = $"every step passed its analysis; '{rollout.To}' has all the traffic", Verdict = seen };
                next = next.WithEndpoint(name, endpoint with { Rollout = succeeded });
                continue;
            }

            var stepped = rollout with { Step = rollout.Step + 1, StepStartedAt = now };
            next = next.WithEndpoint(name, RolloutCommands.MoveTo(endpoint with { Rollout = stepped }, stepped.WeightsAt(stepped.Weight)));
        }

        return ReferenceEquals(next, state) ? null : Transition.Accept(Outcome.Ok, next);
    }
}
