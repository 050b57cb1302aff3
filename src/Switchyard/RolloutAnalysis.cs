using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>The thresholds a rollout checks on its target's requests during each step; a crossed one rolls it back.</summary>
public sealed record RolloutAnalysis
{
    /// <summary>Requests a step must have seen before it is judged or advances (≥ 0, default 0).</summary>
    [JsonPropertyName("min_requests")]
    public int MinRequests { get; init; }

    /// <summary>The highest share of 5xx answers allowed, in [0, 1]; null checks none.</summary>
    [JsonPropertyName("max_error_rate")]
    public double? MaxErrorRate { get; init; }

    /// <summary>The highest 99th percentile latency allowed, in milliseconds (&gt; 0); null checks none.</summary>
    [JsonPropertyName("max_p99_latency_ms")]
    public double? MaxP99LatencyMs { get; init; }
}
