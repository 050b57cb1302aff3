namespace Switchyard.Protocol;

/// <summary>Wire names, element types and sizes of <see cref="TensorDataType"/>.</summary>
internal static class TensorDataTypes
{
    private static readonly string[] Names =
        ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"];

    private static readonly int[] Sizes = [1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8, 0];

    private static readonly Type[] ElementTypes =
    [
        typeof(bool), typeof(byte), typeof(ushort), typeof(uint), typeof(ulong), typeof(sbyte), typeof(short),
        typeof(int), typeof(long), typeof(Half), typeof(float), typeof(double), typeof(byte[]),
    ];

    /// <summary>The datatypes' wire names, for messages.</summary>
    public static string Known => string.Join(", ", Names);

    public static string WireName(TensorDataType type) => Names[(int)type];

    /// <summary>Bytes per element in binary data; 0 for <c>BYTES</c>, whose elements are length-prefixed.</summary>
    public static int ElementSize(TensorDataType type) => Sizes[(int)type];

    public static string ElementTypeName(TensorDataType type) => ElementTypes[(int)type].Name;

    public static bool TryParse(string? name, out TensorDataType type)
    {
        var index = name is null ? -1 : Array.IndexOf(Names, name);
        type = (TensorDataType)Math.Max(index, 0);
        return index >= 0;
    }

    public static TensorDataType? FromElementType(Type type)
    {
        var index = Array.IndexOf(ElementTypes, type);
        return index < 0 || type == typeof(byte[]) ? null : (TensorDataType)index;
    }

    /// <summary>A zeroed data array for <paramref name="count"/> elements (empty byte strings for <c>BYTES</c>).</summary>
    public static Array Allocate(TensorDataType type, int count) => type switch
    {
        TensorDataType.Bool => new bool[count],
        TensorDataType.UInt8 => new byte[count],
        TensorDataType.UInt16 => new ushort[count],
        TensorDataType.UInt32 => new uint[count],
        TensorDataType.UInt64 => new ulong[count],
        TensorDataType.Int8 => new sbyte[count],
        TensorDataType.Int16 => new short[count],
        TensorDataType.Int32 => new int[count],
        TensorDataType.Int64 => new long[count],
        TensorDataType.Fp16 => new Half[count],
        TensorDataType.Fp32 => new float[count],
        TensorDataType.Fp64 => new double[count],
        TensorDataType.Bytes => NewBytes(count),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static byte[][] NewBytes(int count)
    {
        var data = new byte[count][];
        Array.Fill(data, []);
        return data;
    }
}
