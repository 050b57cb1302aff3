using System.Text.Json;

namespace Switchyard;

/// <summary>An Open Inference Protocol request: named input tensors, and optionally which outputs to return.</summary>
public sealed class InferenceRequest
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();

    /// <summary>Creates a request with the given inputs.</summary>
    public InferenceRequest(IReadOnlyList<InferenceTensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Inputs = inputs;
    }

    /// <summary>The caller's request id, echoed in the response; null for none.</summary>
    public string? Id { get; init; }

    /// <summary>The input tensors.</summary>
    public IReadOnlyList<InferenceTensor> Inputs { get; }

    /// <summary>The outputs to return, in this order; empty for all of them.</summary>
    public IReadOnlyList<RequestedOutput> Outputs { get; init; } = [];

    /// <summary>The protocol's request <c>parameters</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; init; } = NoParameters;

    /// <summary>The input named <paramref name="name"/>, or null.</summary>
    public InferenceTensor? Input(string name)
    {
        foreach (var input in Inputs)
        {
            if (string.Equals(input.Name, name, StringComparison.Ordinal))
            {
                return input;
            }
        }

        return null;
    }
}
