using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A rollout's state as <c>GET /api/endpoints/{name}/rollout</c> shows it.</summary>
public sealed record RolloutInfo
{
    /// <summary>The backend the rollout moves traffic to.</summary>
    [JsonPropertyName("to")]
    public required string To { get; init; }

    /// <summary>The steps' weights.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<double> Steps { get; init; } = [];

    /// <summary>The index of the current step (the last one reached once it ended).</summary>
    [JsonPropertyName("step")]
    public int Step { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>rolled_back</c> or <c>aborted</c>.</summary>
    [JsonPropertyName("state")]
    public required string State { get; init; }

    /// <summary>Why it ended as it did (null while running).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>When it started.</summary>
    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The endpoint's traffic weights now.</summary>
    [JsonPropertyName("weights")]
    public IReadOnlyDictionary<string, double> Weights { get; init; } = new Dictionary<string, double>();

    /// <summary>The target's requests during the current step (while running) or the last one (once ended).</summary>
    [JsonPropertyName("observed")]
    public RolloutObserved Observed { get; init; } = new();
}
