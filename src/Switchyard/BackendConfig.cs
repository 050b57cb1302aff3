using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>How a backend runs: replica count, batching, concurrency, queueing and user configuration.</summary>
public sealed record BackendConfig
{
    /// <summary>How many replicas run (≥ 0, default 1) while <see cref="AutoscalingConfig"/> is null.</summary>
    [JsonPropertyName("num_replicas")]
    public int NumReplicas { get; init; } = 1;

    /// <summary>The largest batch a replica forms (≥ 1, default 1; above 1 only for batch backends).</summary>
    [JsonPropertyName("max_batch_size")]
    public int MaxBatchSize { get; init; } = 1;

    /// <summary>How long the oldest queued request may wait for a batch to fill, in seconds (≥ 0, default 0).</summary>
    [JsonPropertyName("batch_wait_timeout_s")]
    public double BatchWaitTimeoutS { get; init; }

    /// <summary>Requests one replica handles at once (≥ 1, default 100).</summary>
    [JsonPropertyName("max_concurrent_queries")]
    public int MaxConcurrentQueries { get; init; } = 100;

    /// <summary>Requests that may wait for a free replica, per node (≥ -1, default -1 = unbounded).</summary>
    [JsonPropertyName("max_queued_requests")]
    public int MaxQueuedRequests { get; init; } = -1;

    /// <summary>Seconds before an unanswered request fails with 504 (&gt; 0), or null for no limit.</summary>
    [JsonPropertyName("request_timeout_s")]
    public double? RequestTimeoutS { get; init; }

    /// <summary>Any JSON, handed to <see cref="IReconfigurable"/> backends; null when unset.</summary>
    [JsonPropertyName("user_config")]
    public JsonElement? UserConfig { get; init; }

    /// <summary>When set, the autoscaler owns the replica count (CONTRACT section 10); null keeps <see cref="NumReplicas"/>.</summary>
    [JsonPropertyName("autoscaling_config")]
    public AutoscalingConfig? AutoscalingConfig { get; init; }
}
