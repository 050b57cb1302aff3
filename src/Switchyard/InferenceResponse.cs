using System.Text.Json;

namespace Switchyard;

/// <summary>
/// An Open Inference Protocol response: the output tensors. A backend returns it with just the outputs; the
/// runtime fills in <see cref="ModelName"/> (the endpoint), <see cref="ModelVersion"/> (the backend that answered)
/// and <see cref="Id"/> (the request's) before it goes out.
/// </summary>
public sealed class InferenceResponse
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();

    /// <summary>Creates a response with the given outputs.</summary>
    public InferenceResponse(IReadOnlyList<InferenceTensor> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        Outputs = outputs;
    }

    /// <summary>The model (endpoint) that was called.</summary>
    public string? ModelName { get; init; }

    /// <summary>The version (backend) that answered.</summary>
    public string? ModelVersion { get; init; }

    /// <summary>The request's id, when it had one.</summary>
    public string? Id { get; init; }

    /// <summary>The output tensors.</summary>
    public IReadOnlyList<InferenceTensor> Outputs { get; }

    /// <summary>The protocol's response <c>parameters</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = NoParameters;

    /// <summary>The output named <paramref name="name"/>, or null.</summary>
    public InferenceTensor? Output(string name)
    {
        foreach (var output in Outputs)
        {
            if (string.Equals(output.Name, name, StringComparison.Ordinal))
            {
                return output;
            }
        }

        return null;
    }
}
