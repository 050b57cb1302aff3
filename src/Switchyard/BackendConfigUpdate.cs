using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A partial <see cref="BackendConfig"/>: the properties that are not null replace the current ones.</summary>
public sealed record BackendConfigUpdate
{
    /// <summary>See <see cref="BackendConfig.NumReplicas"/>.</summary>
    [JsonPropertyName("num_replicas")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NumReplicas { get; init; }

    /// <summary>See <see cref="BackendConfig.MaxBatchSize"/>.</summary>
    [JsonPropertyName("max_batch_size")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxBatchSize { get; init; }

    /// <summary>See <see cref="BackendConfig.BatchWaitTimeoutS"/>.</summary>
    [JsonPropertyName("batch_wait_timeout_s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? BatchWaitTimeoutS { get; init; }

    /// <summary>See <see cref="BackendConfig.MaxConcurrentQueries"/>.</summary>
    [JsonPropertyName("max_concurrent_queries")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxConcurrentQueries { get; init; }

    /// <summary>See <see cref="BackendConfig.MaxQueuedRequests"/>.</summary>
    [JsonPropertyName("max_queued_requests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxQueuedRequests { get; init; }

    /// <summary>See <see cref="BackendConfig.RequestTimeoutS"/>.</summary>
    [JsonPropertyName("request_timeout_s")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? RequestTimeoutS { get; init; }

    /// <summary>See <see cref="BackendConfig.UserConfig"/> (a JSON null value clears it).</summary>
    [JsonPropertyName("user_config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? UserConfig { get; init; }

    /// <summary>See <see cref="BackendConfig.AutoscalingConfig"/>: an object sets (merges) it, a JSON null value returns to a fixed count.</summary>
    [JsonPropertyName("autoscaling_config")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? AutoscalingConfig { get; init; }
}
