using System.Text.Json;

namespace Switchyard;

/// <summary>An output a protocol request asks for by name (a request that names none gets every output).</summary>
public sealed class RequestedOutput
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();

    /// <summary>Asks for the output <paramref name="name"/>.</summary>
    public RequestedOutput(string name, IReadOnlyDictionary<string, JsonElement>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Parameters = parameters ?? NoParameters;
    }

    /// <summary>The output's name.</summary>
    public string Name { get; }

    /// <summary>The protocol's per-output <c>parameters</c> (e.g. <c>binary_data</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }
}
