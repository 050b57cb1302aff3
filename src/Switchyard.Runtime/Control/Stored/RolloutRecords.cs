using Switchyard.Runtime.Control.Model;

namespace Switchyard.Runtime.Control.Stored;

/// <summary>Converts rollouts between their pure state and stored shape.</summary>
internal static class RolloutRecords
{
    public static RolloutState? ToState(RolloutRecord? record) => record is null ? null : new RolloutState(
        record.Spec,
        record.Step,
        PhaseOf(record.Phase),
        record.Reason,
        record.StartedAt,
        record.StepStartedAt,
        EndpointState.Freeze(record.BeforeTraffic),
        record.BeforeTable,
        record.HasVerdict ? new StepFigures(record.Requests, record.Errors, record.P99LatencyMs) : null);

    public static RolloutRecord? FromState(RolloutState? state) => state is null ? null : new RolloutRecord
    {
        Spec = state.Spec,
        Step = state.Step,
        Phase = NameOf(state.Phase),
        Reason = state.Reason,
        StartedAt = state.StartedAt,
        StepStartedAt = state.StepStartedAt,
        BeforeTraffic = new Dictionary<string, double>(state.BeforeTraffic, StringComparer.Ordinal),
        BeforeTable = state.BeforeTable,
        HasVerdict = state.Verdict is not null,
        Requests = state.Verdict?.Requests ?? 0,
        Errors = state.Verdict?.Errors ?? 0,
        P99LatencyMs = state.Verdict?.P99LatencyMs,
    };

    /// <summary>The contract's name of a phase (CONTRACT section 11).</summary>
    public static string NameOf(RolloutPhase phase) => phase switch
    {
        RolloutPhase.Running => "running",
        RolloutPhase.Succeeded => "succeeded",
        RolloutPhase.RolledBack => "rolled_back",
        _ => "aborted",
    };

    private static RolloutPhase PhaseOf(string name) => name switch
    {
        "running" => RolloutPhase.Running,
        "succeeded" => RolloutPhase.Succeeded,
        "rolled_back" => RolloutPhase.RolledBack,
        _ => RolloutPhase.Aborted,
    };
}
