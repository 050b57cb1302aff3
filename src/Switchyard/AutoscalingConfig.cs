using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>
/// How a backend scales on ongoing requests (CONTRACT section 10; Ray Serve 2.x's names and defaults). With it set,
/// the autoscaler owns the replica count and <see cref="BackendConfig.NumReplicas"/> is the count the backend
/// returns to when autoscaling is switched off.
/// </summary>
public sealed record AutoscalingConfig
{
    /// <summary>The fewest replicas (≥ 0, default 1); 0 lets an idle backend scale to zero.</summary>
    [JsonPropertyName("min_replicas")]
    public int MinReplicas { get; init; } = 1;

    /// <summary>The most replicas (≥ <see cref="MinReplicas"/> and ≥ 1, default 1).</summary>
    [JsonPropertyName("max_replicas")]
    public int MaxReplicas { get; init; } = 1;

    /// <summary>How many replicas run when autoscaling starts (null = <see cref="MinReplicas"/>).</summary>
    [JsonPropertyName("initial_replicas")]
    public int? InitialReplicas { get; init; }

    /// <summary>Ongoing requests each replica should carry (&gt; 0, default 2).</summary>
    [JsonPropertyName("target_ongoing_requests")]
    public double TargetOngoingRequests { get; init; } = 2;

    /// <summary>How often every node reports its figures, in seconds (default 1).</summary>
    [JsonPropertyName("metrics_interval_s")]
    public double MetricsIntervalS { get; init; } = 1;

    /// <summary>The window ongoing requests are averaged over, in seconds (default 10).</summary>
    [JsonPropertyName("look_back_period_s")]
    public double LookBackPeriodS { get; init; } = 10;

    /// <summary>How long more replicas must be wanted before they are added, in seconds (default 3).</summary>
    [JsonPropertyName("upscale_delay_s")]
    public double UpscaleDelayS { get; init; } = 3;

    /// <summary>How long fewer replicas must be wanted before some drain, in seconds (default 60).</summary>
    [JsonPropertyName("downscale_delay_s")]
    public double DownscaleDelayS { get; init; } = 60;

    /// <summary>Multiplies each step up (&gt; 0, default 1: straight to the count the load implies).</summary>
    [JsonPropertyName("upscaling_factor")]
    public double UpscalingFactor { get; init; } = 1;

    /// <summary>Multiplies each step down (&gt; 0, default 1).</summary>
    [JsonPropertyName("downscaling_factor")]
    public double DownscalingFactor { get; init; } = 1;
}
