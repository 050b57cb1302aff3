using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A progressive rollout of an endpoint to one backend (CONTRACT section 11).</summary>
public sealed record RolloutSpec
{
    /// <summary>The backend the rollout moves traffic to.</summary>
    [JsonPropertyName("to")]
    public required string To { get; init; }

    /// <summary>The weights <see cref="To"/> gets, one step after the other: increasing, in (0, 1], the last 1.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<double> Steps { get; init; } = [];

    /// <summary>How long each step lasts at least, in seconds.</summary>
    [JsonPropertyName("step_interval_s")]
    public double StepIntervalS { get; init; }

    /// <summary>What <see cref="To"/>'s requests must look like during each step.</summary>
    [JsonPropertyName("analysis")]
    public RolloutAnalysis Analysis { get; init; } = new();
}
