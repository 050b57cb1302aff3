using System.Globalization;
using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>Whether a rollout target's requests during a step cross its analysis thresholds. Pure logic.</summary>
internal static class RolloutJudge
{
    /// <summary>Why the rollout must roll back, or null: nothing is judged before <c>min_requests</c> (at least one) were seen.</summary>
    public static string? Breach(RolloutState rollout, StepFigures seen)
    {
        var analysis = rollout.Spec.Analysis;
        if (seen.Requests < Math.Max(1, analysis.MinRequests))
        {
            return null;
        }

        var at = string.Create(CultureInfo.InvariantCulture, $"over {seen.Requests} requests at step {rollout.Step} (weight {rollout.Weight})");
        if (analysis.MaxErrorRate is { } maxRate && seen.ErrorRate is { } rate && rate > maxRate)
        {
            return string.Create(CultureInfo.InvariantCulture, $"error rate {rate:0.####} above max_error_rate {maxRate} {at}");
        }

        if (analysis.MaxP99LatencyMs is { } maxP99 && seen.P99LatencyMs is { } p99 && p99 > maxP99)
        {
            return string.Create(CultureInfo.InvariantCulture, $"p99 latency {p99:0.#} ms above max_p99_latency_ms {maxP99} {at}");
        }

        return null;
    }
}
