using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>An endpoint as declared: its route, methods, traffic policy and shadows.</summary>
public sealed record EndpointSpec
{
    /// <summary>The HTTP route (starts with <c>/</c>), or null for a handle-only endpoint.</summary>
    [JsonPropertyName("route")]
    public string? Route { get; init; }

    /// <summary>Allowed HTTP methods (default <c>GET</c>).</summary>
    [JsonPropertyName("methods")]
    public IReadOnlyList<string> Methods { get; init; } = ["GET"];

    /// <summary>Backend to weight; the weights sum to 1.</summary>
    [JsonPropertyName("traffic")]
    public IReadOnlyDictionary<string, double> Traffic { get; init; } = new Dictionary<string, double>();

    /// <summary>Backend to the proportion of requests copied there (responses dropped).</summary>
    [JsonPropertyName("shadows")]
    public IReadOnlyDictionary<string, double> Shadows { get; init; } = new Dictionary<string, double>();
}
