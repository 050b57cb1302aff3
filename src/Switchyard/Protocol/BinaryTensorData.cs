using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Switchyard.Protocol;

/// <summary>
/// The binary tensor data extension's layout: fixed-size elements as raw little-endian bytes (BOOL as one byte,
/// 0 or 1), and each BYTES element as a 4-byte little-endian length followed by that many bytes.
/// </summary>
internal static class BinaryTensorData
{
    public static string? TryRead(ReadOnlySpan<byte> bytes, TensorDataType type, long count, long[] shape, string what, out Array data)
    {
        data = Array.Empty<byte>();
        if (type == TensorDataType.Bytes)
        {
            return TryReadBytes(bytes, count, what, out data);
        }

        var expected = count * TensorDataTypes.ElementSize(type);
        if (bytes.Length != expected)
        {
            return $"{what} has {TensorDataTypes.WireName(type)} shape {Shapes.Format(shape)}, which is {expected.ToString(CultureInfo.InvariantCulture)} bytes, but binary_data_size is {bytes.Length.ToString(CultureInfo.InvariantCulture)}";
        }

        if (type == TensorDataType.Bool && bytes.IndexOfAnyExcept((byte)0, (byte)1) is var bad && bad >= 0)
        {
            return $"{what}: BOOL element {bad} is the byte {bytes[bad]}, not 0 or 1";
        }

        data = TensorDataTypes.Allocate(type, (int)count);
        bytes.CopyTo(AsBytes(data, type));
        return null;
    }

    /// <summary>The number of bytes <paramref name="tensor"/>'s data takes in binary form.</summary>
    public static long Size(InferenceTensor tensor)
    {
        if (tensor.DataType != TensorDataType.Bytes)
        {
            return (long)tensor.ElementCount * TensorDataTypes.ElementSize(tensor.DataType);
        }

        long size = 0;
        foreach (var element in (byte[][])tensor.Data)
        {
            size += 4 + element.Length;
        }

        return size;
    }

    public static void Write(InferenceTensor tensor, IBufferWriter<byte> output)
    {
        if (tensor.DataType != TensorDataType.Bytes)
        {
            output.Write(tensor.RawBytes());
            return;
        }

        foreach (var element in (byte[][])tensor.Data)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(4), (uint)element.Length);
            output.Advance(4);
            output.Write(element);
        }
    }

    private static Span<byte> AsBytes(Array data, TensorDataType type) =>
        MemoryMarshal.CreateSpan(ref MemoryMarshal.GetArrayDataReference(data), data.Length * TensorDataTypes.ElementSize(type));

    private static string? TryReadBytes(ReadOnlySpan<byte> bytes, long count, string what, out Array data)
    {
        data = Array.Empty<byte>();

        // Every element takes at least its 4-byte length, so this bounds the array before it is allocated.
        if (count > bytes.Length / 4)
        {
            return $"{what} declares {count.ToString(CultureInfo.InvariantCulture)} BYTES elements but its {bytes.Length.ToString(CultureInfo.InvariantCulture)} bytes of binary data cannot hold that many";
        }

        var elements = new byte[count][];
        var at = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            if (bytes.Length - at < 4)
            {
                return $"{what}: BYTES element {i} has no 4-byte length (the binary data ends)";
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
            at += 4;
            if (length > (uint)(bytes.Length - at))
            {
                return $"{what}: BYTES element {i} declares {length} bytes but only {bytes.Length - at} are left";
            }

            elements[i] = bytes.Slice(at, (int)length).ToArray();
            at += (int)length;
        }

        if (at != bytes.Length)
        {
            return $"{what}: {bytes.Length - at} bytes are left after its {count} BYTES elements (binary_data_size is too large)";
        }

        data = elements;
        return null;
    }
}
