namespace Switchyard.Runtime.Specs;

internal static partial class SpecValidator
{
    /// <summary>The most steps a rollout may have.</summary>
    public const int MaxRolloutSteps = 100;

    /// <summary>Nodes report at most this often, whatever a backend asks.</summary>
    public const double MinMetricsIntervalS = 0.05;

    /// <summary>The controller keeps figures for at most this long, so longer look-backs cannot be honoured.</summary>
    public const double MaxLookBackPeriodS = 3600;

    private const double MaxDelayS = 86400;

    public static void ValidateAutoscaling(AutoscalingConfig config, string path, Problems problems)
    {
        string At(string field) => SpecReader.Join(path, field);
        if (config.MinReplicas < 0)
        {
            problems.Add(At("min_replicas"), $"must be ≥ 0 (got {config.MinReplicas})");
        }

        if (config.MaxReplicas < 1 || config.MaxReplicas > MaxReplicas)
        {
            problems.Add(At("max_replicas"), $"must be within [1, {MaxReplicas}] (got {config.MaxReplicas})");
        }
        else if (config.MaxReplicas < config.MinReplicas)
        {
            problems.Add(At("max_replicas"), $"({config.MaxReplicas}) must be ≥ min_replicas ({config.MinReplicas})");
        }

        if (config.InitialReplicas is { } initial && (initial < config.MinReplicas || initial > config.MaxReplicas))
        {
            problems.Add(At("initial_replicas"), $"({initial}) must be within [min_replicas, max_replicas] = [{config.MinReplicas}, {config.MaxReplicas}]");
        }

        Positive(config.TargetOngoingRequests, At("target_ongoing_requests"), problems);
        Positive(config.UpscalingFactor, At("upscaling_factor"), problems);
        Positive(config.DownscalingFactor, At("downscaling_factor"), problems);
        Within(config.MetricsIntervalS, MinMetricsIntervalS, 60, At("metrics_interval_s"), problems);
        if (config.LookBackPeriodS <= 0 || config.LookBackPeriodS > MaxLookBackPeriodS)
        {
            problems.Add(At("look_back_period_s"), $"must be > 0 and ≤ {MaxLookBackPeriodS} (got {config.LookBackPeriodS})");
        }

        Within(config.UpscaleDelayS, 0, MaxDelayS, At("upscale_delay_s"), problems);
        Within(config.DownscaleDelayS, 0, MaxDelayS, At("downscale_delay_s"), problems);
    }

    /// <summary>The rollout's own shape; whether its endpoint and target exist is the controller's to say.</summary>
    public static void ValidateRollout(RolloutSpec rollout, Problems problems)
    {
        ValidateName(rollout.To, "backend", problems, "to");
        var steps = rollout.Steps;
        if (steps.Count == 0)
        {
            problems.Add("steps", "must list at least one weight (the last one 1.0)");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] <= 0 || steps[i] > 1)
            {
                problems.Add($"steps[{i}]", $"must be in (0, 1] (got {steps[i]})");
            }
            else if (i > 0 && steps[i] <= steps[i - 1])
            {
                problems.Add($"steps[{i}]", $"({steps[i]}) must be above the step before it ({steps[i - 1]})");
            }
        }

        if (steps.Count > 0 && Math.Abs(steps[^1] - 1) > WeightTolerance)
        {
            problems.Add($"steps[{steps.Count - 1}]", $"the last step must be 1.0, all traffic to '{rollout.To}' (got {steps[^1]})");
        }

        if (rollout.StepIntervalS <= 0 || rollout.StepIntervalS > MaxDelayS)
        {
            problems.Add("step_interval_s", $"must be > 0 and ≤ {MaxDelayS} (got {rollout.StepIntervalS})");
        }

        var analysis = rollout.Analysis;
        if (analysis.MinRequests < 0)
        {
            problems.Add("analysis.min_requests", $"must be ≥ 0 (got {analysis.MinRequests})");
        }

        if (analysis.MaxErrorRate is { } rate && (rate < 0 || rate > 1))
        {
            problems.Add("analysis.max_error_rate", $"must be in [0, 1] (got {rate})");
        }

        if (analysis.MaxP99LatencyMs is { } p99)
        {
            Positive(p99, "analysis.max_p99_latency_ms", problems);
        }
    }

    private static void Positive(double value, string path, Problems problems)
    {
        if (value <= 0)
        {
            problems.Add(path, $"must be > 0 (got {value})");
        }
    }

    private static void Within(double value, double min, double max, string path, Problems problems)
    {
        if (value < min || value > max)
        {
            problems.Add(path, $"must be within [{min}, {max}] (got {value})");
        }
    }
}
