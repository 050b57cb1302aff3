using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>What applying a deployment changed, as names.</summary>
public sealed record DeployResult
{
    /// <summary>Backends and endpoints created.</summary>
    [JsonPropertyName("created")]
    public IReadOnlyList<string> Created { get; init; } = [];

    /// <summary>Backends and endpoints updated.</summary>
    [JsonPropertyName("updated")]
    public IReadOnlyList<string> Updated { get; init; } = [];

    /// <summary>Backends and endpoints deleted.</summary>
    [JsonPropertyName("deleted")]
    public IReadOnlyList<string> Deleted { get; init; } = [];
}
