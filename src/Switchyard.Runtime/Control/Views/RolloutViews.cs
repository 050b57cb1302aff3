using Switchyard.Runtime.Control.Loops;
using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Control.Stored;

namespace Switchyard.Runtime.Control.Views;

/// <summary>How the admin API sees a rollout (CONTRACT section 11). Pure logic.</summary>
internal static class RolloutViews
{
    /// <summary>The rollout with the target's figures in its current step (live while it runs; as judged once it ended).</summary>
    public static RolloutInfo Info(EndpointState endpoint, RolloutState rollout, FigureWindow figures) => new()
    {
        To = rollout.To,
        Steps = [.. rollout.Spec.Steps],
        Step = rollout.Step,
        State = RolloutRecords.NameOf(rollout.Phase),
        Reason = rollout.Reason,
        StartedAt = rollout.StartedAt,
        Weights = new Dictionary<string, double>(endpoint.Traffic, StringComparer.Ordinal),
        Observed = Observed(Seen(rollout, figures)),
    };

    /// <summary>The target's requests in the rollout's current step.</summary>
    public static StepFigures Seen(RolloutState rollout, FigureWindow figures) =>
        rollout.Verdict ?? (rollout.IsRunning ? figures.Answered(rollout.To, rollout.StepStartedAt) : StepFigures.None);

    private static RolloutObserved Observed(StepFigures seen) => new()
    {
        Requests = seen.Requests,
        ErrorRate = seen.ErrorRate is { } rate ? Math.Round(rate, 6) : null,
        P99LatencyMs = seen.P99LatencyMs is { } p99 ? Math.Round(p99, 3) : null,
    };
}
