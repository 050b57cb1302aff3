using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A rollout target's figures during one step.</summary>
public sealed record RolloutObserved
{
    /// <summary>Requests answered.</summary>
    [JsonPropertyName("requests")]
    public long Requests { get; init; }

    /// <summary>The share of them answered with a 5xx (null without requests).</summary>
    [JsonPropertyName("error_rate")]
    public double? ErrorRate { get; init; }

    /// <summary>Their 99th percentile latency in milliseconds (null without requests).</summary>
    [JsonPropertyName("p99_latency_ms")]
    public double? P99LatencyMs { get; init; }
}
