using Microsoft.ML.OnnxRuntime.Tensors;

namespace Switchyard.Onnx;

/// <summary>One tensor input or output of a loaded model.</summary>
/// <param name="Name">Its name in the graph.</param>
/// <param name="DataType">The protocol datatype.</param>
/// <param name="ElementType">ONNX Runtime's element type.</param>
/// <param name="Dims">The dimensions, -1 for dynamic ones.</param>
internal sealed record OnnxTensorInfo(string Name, TensorDataType DataType, TensorElementType ElementType, long[] Dims)
{
    /// <summary>The dimensions after the first (one row's shape, for a batchable model).</summary>
    public ReadOnlySpan<long> RowDims => Dims.AsSpan(Math.Min(1, Dims.Length));

    public TensorMetadata ToMetadata() => new(Name, DataType, Dims);
}
