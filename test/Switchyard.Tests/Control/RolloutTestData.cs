using Switchyard.Runtime.Control.Commands;
using Switchyard.Runtime.Control.Model;
using static Switchyard.Tests.Control.ControlTestData;

namespace Switchyard.Tests.Control;

/// <summary>An endpoint on two (or three) backends, and rollouts of it.</summary>
internal static class RolloutTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Endpoint <c>e</c> with <paramref name="traffic"/> (backends v1, v2 and v3 exist).</summary>
    public static DesiredState Endpoint(params (string Backend, double Weight)[] traffic)
    {
        var state = DesiredState.Empty.WithBackend("v1", Echo()).WithBackend("v2", Echo()).WithBackend("v3", Echo());
        state = Accepted(EndpointCommands.Create(state, "e", traffic[0].Backend, "/e", null));
        return traffic.Length == 1
            ? state
            : Accepted(EndpointCommands.SetTraffic(state, "e", traffic.ToDictionary(t => t.Backend, t => t.Weight)));
    }

    public static RolloutSpec Spec(string to = "v2", double interval = 10, int minRequests = 10, double? maxErrorRate = 0.05, double? maxP99 = 200, params double[] steps) =>
        new()
        {
            To = to,
            Steps = steps.Length == 0 ? [0.1, 0.5, 1.0] : steps,
            StepIntervalS = interval,
            Analysis = new RolloutAnalysis { MinRequests = minRequests, MaxErrorRate = maxErrorRate, MaxP99LatencyMs = maxP99 },
        };

    public static DesiredState Started(DesiredState state, RolloutSpec? spec = null, DateTimeOffset? at = null) =>
        Accepted(RolloutCommands.Start(state, "e", spec ?? Spec(), at ?? T0));

    public static RolloutState RolloutOf(this DesiredState state) => state.Endpoints["e"].Rollout!;
}
