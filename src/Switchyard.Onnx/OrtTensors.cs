using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Switchyard.Protocol;

namespace Switchyard.Onnx;

/// <summary>
/// Moves tensors in and out of ONNX Runtime: the requests of a group are copied once, straight into one native
/// tensor stacked along the first dimension, and each output is cut back into every request's rows.
/// </summary>
internal static class OrtTensors
{
    /// <summary>A native tensor holding input <paramref name="index"/> of every call, stacked in order.</summary>
    public static OrtValue Stack(OnnxTensorInfo input, int index, IReadOnlyList<OnnxCall> calls, int totalRows, bool batchable)
    {
        var first = calls[0].Inputs[index].ShapeArray;
        var shape = (long[])first.Clone();
        if (batchable)
        {
            shape[0] = totalRows;
        }

        if (input.DataType == TensorDataType.Bytes)
        {
            var strings = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
            var at = 0;
            foreach (var call in calls)
            {
                foreach (var element in call.Inputs[index].AsBytes())
                {
                    strings.StringTensorSetElementAt(element, at++);
                }
            }

            return strings;
        }

        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, input.ElementType, shape);
        var target = value.GetTensorMutableRawData();
        var offset = 0;
        foreach (var call in calls)
        {
            var bytes = call.Inputs[index].RawBytes();
            bytes.CopyTo(target[offset..]);
            offset += bytes.Length;
        }

        return value;
    }

    /// <summary>Rows [<paramref name="firstRow"/>, firstRow + <paramref name="rows"/>) of an output, as a tensor of its own.</summary>
    public static InferenceTensor Slice(OnnxTensorInfo output, OrtValue value, long[] shape, int firstRow, int rows)
    {
        var rowShape = (long[])shape.Clone();
        var perRow = 1L;
        if (rowShape.Length > 0)
        {
            rowShape[0] = rows;
            perRow = Shapes.ElementCount(shape.AsSpan(1));
        }

        var start = checked((int)(firstRow * perRow));
        var count = checked((int)(rows * perRow));
        var data = TensorDataTypes.Allocate(output.DataType, count);
        if (output.DataType == TensorDataType.Bytes)
        {
            var strings = (byte[][])data;
            for (var i = 0; i < count; i++)
            {
                strings[i] = value.GetStringElementAsSpan(start + i).ToArray();
            }
        }
        else
        {
            var size = TensorDataTypes.ElementSize(output.DataType);
            var source = value.GetTensorMutableRawData().Slice(start * size, count * size);
            source.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(data), count * size));
        }

        return new InferenceTensor(output.Name, output.DataType, rowShape, data, null);
    }

    /// <summary>An input of zeros (empty strings) with every dynamic dimension 1, for the warmup run.</summary>
    public static OrtValue Zeros(OnnxTensorInfo input)
    {
        var shape = input.Dims.Select(d => d < 0 ? 1 : d).ToArray();
        if (input.DataType == TensorDataType.Bytes)
        {
            return OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
        }

        var value = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, input.ElementType, shape);
        value.GetTensorMutableRawData().Clear();
        return value;
    }
}
