using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>An endpoint as listed by the admin API.</summary>
public sealed record EndpointInfo
{
    /// <summary>The HTTP route, or null for a handle-only endpoint.</summary>
    [JsonPropertyName("route")]
    public string? Route { get; init; }

    /// <summary>Allowed HTTP methods.</summary>
    [JsonPropertyName("methods")]
    public IReadOnlyList<string> Methods { get; init; } = [];

    /// <summary>Backend to weight.</summary>
    [JsonPropertyName("traffic")]
    public IReadOnlyDictionary<string, double> Traffic { get; init; } = new Dictionary<string, double>();

    /// <summary>Backend to shadow proportion.</summary>
    [JsonPropertyName("shadows")]
    public IReadOnlyDictionary<string, double> Shadows { get; init; } = new Dictionary<string, double>();

    /// <summary>The running or last rollout (as <c>GET /api/endpoints/{name}/rollout</c> shows it); absent when there never was one.</summary>
    [JsonPropertyName("rollout")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RolloutInfo? Rollout { get; init; }
}
