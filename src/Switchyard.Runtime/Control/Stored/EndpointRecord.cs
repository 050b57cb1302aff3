using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>An endpoint's persisted state, including the traffic table that pins shard keys to backends.</summary>
[GenerateSerializer, Alias("switchyard.EndpointRecord")]
internal sealed class EndpointRecord
{
    [Id(0)] public string? Route { get; set; }
    [Id(1)] public string[] Methods { get; set; } = ["GET"];
    [Id(2)] public Dictionary<string, double> Traffic { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public required TrafficTable Table { get; set; }
    [Id(4)] public Dictionary<string, double> Shadows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The running or last rollout (added after the first release: absent in older state).</summary>
    [Id(5)] public RolloutRecord? Rollout { get; set; }
}
