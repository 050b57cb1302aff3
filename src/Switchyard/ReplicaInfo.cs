using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>One replica as the controller sees it.</summary>
public sealed record ReplicaInfo
{
    /// <summary>The replica's tag.</summary>
    [JsonPropertyName("tag")]
    public required string Tag { get; init; }

    /// <summary>The node it runs on (null while pending).</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary><c>starting</c>, <c>running</c>, <c>pending</c>, <c>draining</c> or <c>failed</c>.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    /// <summary>Why it is pending or failed.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>Assigned GPU indices.</summary>
    [JsonPropertyName("gpu_ids")]
    public IReadOnlyList<int> GpuIds { get; init; } = [];
}
