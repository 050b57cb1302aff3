using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A whole declarative deployment: applying it makes the cluster match it.</summary>
public sealed record DeploymentSpec
{
    /// <summary>Backends by name.</summary>
    [JsonPropertyName("backends")]
    public IReadOnlyDictionary<string, BackendSpec> Backends { get; init; } = new Dictionary<string, BackendSpec>();

    /// <summary>Endpoints by name.</summary>
    [JsonPropertyName("endpoints")]
    public IReadOnlyDictionary<string, EndpointSpec> Endpoints { get; init; } = new Dictionary<string, EndpointSpec>();
}
