namespace Switchyard.Runtime.Routing;

/// <summary>One endpoint in a <see cref="RoutingTable"/>.</summary>
[GenerateSerializer, Immutable, Alias("switchyard.EndpointTableEntry")]
internal sealed class EndpointTableEntry
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? Route { get; init; }
    [Id(2)] public required string[] Methods { get; init; }
    [Id(3)] public required TrafficTable Traffic { get; init; }
    [Id(4)] public KeyValuePair<string, double>[] Shadows { get; init; } = [];

    /// <summary>The index of the running rollout's step, or null when none runs.</summary>
    [Id(5)] public int? RolloutStep { get; init; }

    /// <summary>What lets a node stop the running rollout's step on its own; null when none runs or it has no error threshold.</summary>
    [Id(6)] public RolloutGuard? Guard { get; init; }
}
