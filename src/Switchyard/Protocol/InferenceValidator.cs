namespace Switchyard.Protocol;

/// <summary>
/// Checks a protocol request against a model's metadata before it reaches the backend: every input known and
/// given once, each with the model's datatype, rank and fixed dimensions, and every requested output known.
/// </summary>
internal static class InferenceValidator
{
    public static string? Validate(InferenceRequest request, ModelMetadata metadata)
    {
        foreach (var input in request.Inputs)
        {
            var expected = Find(metadata.Inputs, input.Name);
            if (expected is null)
            {
                return $"the model has no input '{TextExcerpt.Shorten(input.Name)}'; its inputs are: {Names(metadata.Inputs)}";
            }

            if (input.DataType != expected.DataType)
            {
                return $"input '{TextExcerpt.Shorten(input.Name)}' is {TensorDataTypes.WireName(expected.DataType)}, not {TensorDataTypes.WireName(input.DataType)}";
            }

            if (!Fits(input.Shape, expected.Shape))
            {
                return $"input '{TextExcerpt.Shorten(input.Name)}' has shape {Shapes.Format(input.Shape)}; the model takes {Describe(expected.Shape)}";
            }
        }

        foreach (var expected in metadata.Inputs)
        {
            if (request.Input(expected.Name) is null)
            {
                return $"input '{expected.Name}' is missing ({TensorDataTypes.WireName(expected.DataType)} {Describe(expected.Shape)}); every input of the model is required";
            }
        }

        foreach (var output in request.Outputs)
        {
            if (Find(metadata.Outputs, output.Name) is null)
            {
                return $"the model has no output '{TextExcerpt.Shorten(output.Name)}'; its outputs are: {Names(metadata.Outputs)}";
            }
        }

        return null;
    }

    /// <summary>True when <paramref name="shape"/> has <paramref name="declared"/>'s rank and its fixed dimensions.</summary>
    public static bool Fits(IReadOnlyList<long> shape, IReadOnlyList<long> declared)
    {
        if (shape.Count != declared.Count)
        {
            return false;
        }

        for (var i = 0; i < shape.Count; i++)
        {
            if (declared[i] >= 0 && declared[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A shape for messages, with dynamic dimensions as -1 (e.g. <c>[-1, 1, 8, 8]</c>).</summary>
    public static string Describe(IReadOnlyList<long> shape) => Shapes.Format(shape);

    private static TensorMetadata? Find(IReadOnlyList<TensorMetadata> tensors, string name)
    {
        foreach (var tensor in tensors)
        {
            if (string.Equals(tensor.Name, name, StringComparison.Ordinal))
            {
                return tensor;
            }
        }

        return null;
    }

    private static string Names(IReadOnlyList<TensorMetadata> tensors) => string.Join(", ", tensors.Select(t => t.Name));
}
