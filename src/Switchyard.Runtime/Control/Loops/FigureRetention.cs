using Switchyard.Runtime.Control.Model;
using Switchyard.Runtime.Specs;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>How far back the controller keeps figures: as far as any loop looks. Pure logic.</summary>
internal static class FigureRetention
{
    /// <summary>Kept at least this long, so views show recent figures even when no loop needs them.</summary>
    public static TimeSpan Minimum { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Never kept longer than this (a step waiting for its requests counts only the latest hour).</summary>
    public static TimeSpan Maximum { get; } = TimeSpan.FromSeconds(SpecValidator.MaxLookBackPeriodS);

    /// <summary>Samples that arrived before this moment are no longer needed.</summary>
    public static DateTimeOffset KeepSince(DesiredState state, DateTimeOffset now)
    {
        var keep = Minimum;
        foreach (var backend in state.Backends.Values)
        {
            if (backend.Spec.Config.AutoscalingConfig is { } autoscaling)
            {
                var needed = TimeSpan.FromSeconds(autoscaling.LookBackPeriodS + (2 * autoscaling.MetricsIntervalS));
                keep = needed > keep ? needed : keep;
            }
        }

        foreach (var endpoint in state.Endpoints.Values)
        {
            if (endpoint.RunningRollout is { } rollout && now - rollout.StepStartedAt is var step && step > keep)
            {
                keep = step;
            }
        }

        return now - (keep < Maximum ? keep : Maximum);
    }
}
