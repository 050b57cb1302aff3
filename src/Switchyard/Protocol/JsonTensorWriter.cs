using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// Writes tensor data as JSON: flat (the protocol's <c>data</c>) or nested by the shape (the simple form of an
/// endpoint's own route). BYTES elements are written as strings. JSON has no NaN or infinities, so those are written as the strings <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>"-Infinity"</c>, as System.Text.Json's named floating-point literals do.
/// </summary>
internal static class JsonTensorWriter
{
    public static void WriteFlat(Utf8JsonWriter writer, InferenceTensor tensor) =>
        WriteRange(writer, tensor, 0, tensor.ElementCount, [tensor.ElementCount]);

    /// <summary>Writes elements [<paramref name="start"/>, start + product(<paramref name="shape"/>)) nested by <paramref name="shape"/> (a scalar when it is empty).</summary>
    public static void WriteNested(Utf8JsonWriter writer, InferenceTensor tensor, int start, ReadOnlySpan<long> shape)
    {
        if (shape.IsEmpty)
        {
            WriteElement(writer, tensor.Data, tensor.DataType, start);
            return;
        }

        var count = (int)Shapes.ElementCount(shape);
        WriteRange(writer, tensor, start, count, shape);
    }

    private static void WriteRange(Utf8JsonWriter writer, InferenceTensor tensor, int start, int count, ReadOnlySpan<long> shape)
    {
        writer.WriteStartArray();
        if (shape.Length == 1)
        {
            for (var i = 0; i < count; i++)
            {
                WriteElement(writer, tensor.Data, tensor.DataType, start + i);
            }
        }
        else
        {
            var inner = shape[1..];
            var stride = (int)Shapes.ElementCount(inner);
            for (var i = 0; i < shape[0]; i++)
            {
                WriteRange(writer, tensor, start + (i * stride), stride, inner);
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteElement(Utf8JsonWriter writer, Array data, TensorDataType type, int i)
    {
        switch (type)
        {
            case TensorDataType.Bool:
                writer.WriteBooleanValue(((bool[])data)[i]);
                break;
            case TensorDataType.UInt8:
                writer.WriteNumberValue(((byte[])data)[i]);
                break;
            case TensorDataType.UInt16:
                writer.WriteNumberValue(((ushort[])data)[i]);
                break;
            case TensorDataType.UInt32:
                writer.WriteNumberValue(((uint[])data)[i]);
                break;
            case TensorDataType.UInt64:
                writer.WriteNumberValue(((ulong[])data)[i]);
                break;
            case TensorDataType.Int8:
                writer.WriteNumberValue(((sbyte[])data)[i]);
                break;
            case TensorDataType.Int16:
                writer.WriteNumberValue(((short[])data)[i]);
                break;
            case TensorDataType.Int32:
                writer.WriteNumberValue(((int[])data)[i]);
                break;
            case TensorDataType.Int64:
                writer.WriteNumberValue(((long[])data)[i]);
                break;
            case TensorDataType.Fp16:
                WriteFloat(writer, (float)((Half[])data)[i]);
                break;
            case TensorDataType.Fp32:
                WriteFloat(writer, ((float[])data)[i]);
                break;
            case TensorDataType.Fp64:
                WriteDouble(writer, ((double[])data)[i]);
                break;
            default:
                WriteBytes(writer, ((byte[][])data)[i]);
                break;
        }
    }

    private static void WriteBytes(Utf8JsonWriter writer, byte[] value)
    {
        // JSON strings are text: bytes that are not UTF-8 go out with replacement characters (binary data keeps them exact).
        if (System.Text.Unicode.Utf8.IsValid(value))
        {
            writer.WriteStringValue(value);
        }
        else
        {
            writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(value));
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float value)
    {
        if (float.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(float.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
