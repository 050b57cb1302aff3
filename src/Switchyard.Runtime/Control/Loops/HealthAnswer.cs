using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Control.Loops;

/// <summary>What asking a replica for its state gave: its state (null: no replica runs under that tag), or why no answer came.</summary>
internal readonly record struct HealthAnswer(bool Answered, ReplicaState? State, string? Error)
{
    public static HealthAnswer Of(ReplicaState? state) => new(true, state, null);

    public static HealthAnswer Unreachable(string? error) => new(false, null, error);
}
