using Switchyard.Runtime.Routing;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>A rollout's persisted state: a controller that moves resumes it at its step, with the policy from before it.</summary>
[GenerateSerializer, Alias("switchyard.RolloutRecord")]
internal sealed class RolloutRecord
{
    [Id(0)] public required RolloutSpec Spec { get; init; }
    [Id(1)] public int Step { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>rolled_back</c> or <c>aborted</c>.</summary>
    [Id(2)] public required string Phase { get; init; }
    [Id(3)] public string? Reason { get; init; }
    [Id(4)] public DateTimeOffset StartedAt { get; init; }
    [Id(5)] public DateTimeOffset StepStartedAt { get; init; }
    [Id(6)] public Dictionary<string, double> BeforeTraffic { get; init; } = new(StringComparer.Ordinal);
    [Id(7)] public required TrafficTable BeforeTable { get; init; }

    /// <summary>The target's figures in the step it ended on (absent while running).</summary>
    [Id(8)] public bool HasVerdict { get; init; }
    [Id(9)] public long Requests { get; init; }
    [Id(10)] public long Errors { get; init; }
    [Id(11)] public double? P99LatencyMs { get; init; }
}
