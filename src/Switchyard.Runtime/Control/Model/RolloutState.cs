using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Model;

/// <summary>
/// A rollout as acknowledged, persisted with its endpoint so a controller that moves resumes it at its step: what was
/// asked, where it is, and the policy from before it (weights and the very table), which a rollback puts back as it was.
/// </summary>
/// <param name="Spec">The rollout as asked.</param>
/// <param name="Step">The index of the current step (the last one reached once it ended).</param>
/// <param name="Phase">Running or how it ended.</param>
/// <param name="Reason">Why it ended as it did; null while running.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="StepStartedAt">When the current step started (its requests are counted from then).</param>
/// <param name="BeforeTraffic">The endpoint's weights before the rollout.</param>
/// <param name="BeforeTable">The endpoint's traffic table before the rollout: shard keys go back exactly where they were.</param>
/// <param name="Verdict">The target's figures in the step it ended on; null while running.</param>
internal sealed record RolloutState(
    RolloutSpec Spec,
    int Step,
    RolloutPhase Phase,
    string? Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset StepStartedAt,
    IReadOnlyDictionary<string, double> BeforeTraffic,
    TrafficTable BeforeTable,
    StepFigures? Verdict)
{
    public bool IsRunning => Phase == RolloutPhase.Running;

    public string To => Spec.To;

    public double Weight => Spec.Steps[Step];

    public bool IsLastStep => Step == Spec.Steps.Count - 1;

    /// <summary>The endpoint's weights at <paramref name="weight"/>: the target gets it, the others share the rest in their old proportions.</summary>
    public IReadOnlyDictionary<string, double> WeightsAt(double weight)
    {
        var others = BeforeTraffic.Where(w => w.Key != To && w.Value > 0).ToList();
        var sum = others.Sum(w => w.Value);
        var weights = new List<KeyValuePair<string, double>> { new(To, weight) };
        if (weight < 1 && sum > 0)
        {
            weights.AddRange(others.Select(w => new KeyValuePair<string, double>(w.Key, (1 - weight) * w.Value / sum)));
        }

        return EndpointState.Freeze(weights);
    }
}
