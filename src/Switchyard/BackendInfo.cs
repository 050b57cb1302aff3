using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A backend with its replicas, as listed by the admin API.</summary>
public sealed record BackendInfo
{
    /// <summary>The class it was created with.</summary>
    [JsonPropertyName("class")]
    public required string Class { get; init; }

    /// <summary>The current configuration.</summary>
    [JsonPropertyName("config")]
    public required BackendConfig Config { get; init; }

    /// <summary>Per-replica resources.</summary>
    [JsonPropertyName("resources")]
    public required BackendResources Resources { get; init; }

    /// <summary>The replicas and their states.</summary>
    [JsonPropertyName("replicas")]
    public IReadOnlyList<ReplicaInfo> Replicas { get; init; } = [];

    /// <summary>The autoscaler's target and the ongoing requests it sees; absent for a backend with a fixed count.</summary>
    [JsonPropertyName("autoscaling")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AutoscalingStatus? Autoscaling { get; init; }
}
