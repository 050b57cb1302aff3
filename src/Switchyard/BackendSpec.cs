using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>A backend as declared: its class, constructor arguments, configuration and per-replica resources.</summary>
public sealed record BackendSpec
{
    /// <summary>An alias (<c>onnx</c>), a full type name or a unique simple name of a registered backend type.</summary>
    [JsonPropertyName("class")]
    public required string Class { get; init; }

    /// <summary>Constructor arguments: a JSON array (in order) or object (by parameter name); null for none.</summary>
    [JsonPropertyName("init_args")]
    public JsonElement? InitArgs { get; init; }

    /// <summary>The backend configuration.</summary>
    [JsonPropertyName("config")]
    public BackendConfig Config { get; init; } = new();

    /// <summary>Per-replica resources.</summary>
    [JsonPropertyName("resources")]
    public BackendResources Resources { get; init; } = new();
}
