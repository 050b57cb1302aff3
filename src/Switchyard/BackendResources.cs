using System.Text.Json.Serialization;

namespace Switchyard;

/// <summary>What each replica of a backend reserves on its node.</summary>
public sealed record BackendResources
{
    /// <summary>CPUs (≥ 0, default 0: nothing reserved).</summary>
    [JsonPropertyName("num_cpus")]
    public double NumCpus { get; init; }

    /// <summary>GPUs (≥ 0, fractions allowed).</summary>
    [JsonPropertyName("num_gpus")]
    public double NumGpus { get; init; }

    /// <summary>Custom resources, name to amount (≥ 0).</summary>
    [JsonPropertyName("custom")]
    public IReadOnlyDictionary<string, double> Custom { get; init; } = new Dictionary<string, double>();
}
