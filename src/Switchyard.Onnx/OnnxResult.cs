using System.Text.Json.Serialization;

namespace Switchyard.Onnx;

/// <summary>One request's result from <see cref="OnnxBackend"/>, written as <c>{"output":[...],"label":3}</c>.</summary>
/// <param name="Output">The model output's row for this request (for a classifier: one score per class).</param>
/// <param name="Label">The index of the largest value in <paramref name="Output"/> (the first one on ties).</param>
public sealed record OnnxResult(
    [property: JsonPropertyName("output")] float[] Output,
    [property: JsonPropertyName("label")] int Label);
