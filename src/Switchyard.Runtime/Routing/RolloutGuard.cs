namespace Switchyard.Runtime.Routing;

/// <summary>
/// What a node's router needs to stop a failing rollout step on its own: the target, the step (which identifies
/// it), the error-rate threshold with the requests it needs seen, and the traffic table from before the rollout.
/// </summary>
[GenerateSerializer, Immutable, Alias("switchyard.RolloutGuard")]
internal sealed class RolloutGuard
{
    [Id(0)] public required string Target { get; init; }

    /// <summary>The step's index and start (ticks of the controller's clock): a new step is a new guard.</summary>
    [Id(1)] public required int Step { get; init; }
    [Id(2)] public required long StepStartedTicks { get; init; }
    [Id(3)] public required int MinRequests { get; init; }
    [Id(4)] public required double MaxErrorRate { get; init; }

    /// <summary>The endpoint's traffic table before the rollout, which the rollback puts back as it was.</summary>
    [Id(5)] public required TrafficTable Fallback { get; init; }
}
