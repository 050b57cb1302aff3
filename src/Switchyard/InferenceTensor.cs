using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard;

/// <summary>
/// A named tensor of the Open Inference Protocol: datatype, shape and row-major data. Numeric and boolean data is
/// held in an array of the matching .NET type (see <see cref="TensorDataType"/>); <c>BYTES</c> as one byte array
/// per element. A tensor owns the array it was created with: do not change it afterwards.
/// </summary>
public sealed class InferenceTensor
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();

    private readonly long[] _shape;

    internal InferenceTensor(string name, TensorDataType dataType, long[] shape, Array data, IReadOnlyDictionary<string, JsonElement>? parameters)
    {
        Name = name;
        DataType = dataType;
        _shape = shape;
        Data = data;
        Parameters = parameters ?? NoParameters;
    }

    /// <summary>The tensor's name (an input or output of the model).</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public TensorDataType DataType { get; }

    /// <summary>The dimensions (each ≥ 0); their product is <see cref="ElementCount"/>.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>How many elements the tensor holds.</summary>
    public int ElementCount => Data.Length;

    /// <summary>The protocol's per-tensor <c>parameters</c> (transport ones such as <c>binary_data_size</c> removed).</summary>
    public IReadOnlyDictionary<string, JsonElement> Parameters { get; }

    /// <summary>The typed data array (<c>float[]</c>, <c>long[]</c>, ..., <c>byte[][]</c> for <c>BYTES</c>).</summary>
    internal Array Data { get; }

    internal long[] ShapeArray => _shape;

    /// <summary>
    /// A tensor over <paramref name="data"/>, whose element type gives the datatype: <see cref="bool"/>,
    /// <see cref="byte"/>, <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/>, <see cref="sbyte"/>,
    /// <see cref="short"/>, <see cref="int"/>, <see cref="long"/>, <see cref="Half"/>, <see cref="float"/> or
    /// <see cref="double"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The element type has no protocol datatype, or the shape does not hold exactly <paramref name="data"/>'s elements.</exception>
    public static InferenceTensor Create<T>(string name, ReadOnlySpan<long> shape, T[] data)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        var dataType = TensorDataTypes.FromElementType(typeof(T))
            ?? throw new ArgumentException($"{typeof(T).Name} has no Open Inference Protocol datatype.", nameof(data));
        return new InferenceTensor(CheckName(name), dataType, CheckShape(shape, data.Length), data, null);
    }

    /// <summary>A <c>BYTES</c> tensor with one byte string per element.</summary>
    /// <exception cref="ArgumentException">The shape does not hold exactly <paramref name="data"/>'s elements, or one is null.</exception>
    public static InferenceTensor CreateBytes(string name, ReadOnlySpan<long> shape, byte[][] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Array.IndexOf(data, null) is var at && at >= 0)
        {
            throw new ArgumentException($"Element {at} is null.", nameof(data));
        }

        return new InferenceTensor(CheckName(name), TensorDataType.Bytes, CheckShape(shape, data.Length), data, null);
    }

    /// <summary>A <c>BYTES</c> tensor holding each string as UTF-8.</summary>
    public static InferenceTensor CreateStrings(string name, ReadOnlySpan<long> shape, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var data = new byte[values.Count][];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = Encoding.UTF8.GetBytes(values[i] ?? throw new ArgumentException($"Element {i} is null.", nameof(values)));
        }

        return new InferenceTensor(CheckName(name), TensorDataType.Bytes, CheckShape(shape, data.Length), data, null);
    }

    /// <summary>The data as <typeparamref name="T"/> (which must be this tensor's element type).</summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> is not the element type of <see cref="DataType"/>.</exception>
    public ReadOnlySpan<T> AsSpan<T>()
        where T : unmanaged =>
        Data is T[] typed
            ? typed
            : throw new InvalidOperationException($"Tensor '{Name}' is {TensorDataTypes.WireName(DataType)}; its elements are {TensorDataTypes.ElementTypeName(DataType)}, not {typeof(T).Name}.");

    /// <summary>The elements of a <c>BYTES</c> tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor is not <c>BYTES</c>.</exception>
    public IReadOnlyList<byte[]> AsBytes() =>
        Data as byte[][] ?? throw new InvalidOperationException($"Tensor '{Name}' is {TensorDataTypes.WireName(DataType)}, not BYTES.");

    /// <summary>The elements of a <c>BYTES</c> tensor decoded as UTF-8.</summary>
    public string[] ToStrings() => AsBytes().Select(b => Encoding.UTF8.GetString(b)).ToArray();

    /// <summary>The raw bytes of a numeric or boolean tensor's data, in host (little-endian) order.</summary>
    internal ReadOnlySpan<byte> RawBytes() =>
        MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(Data), Data.Length * TensorDataTypes.ElementSize(DataType));

    private static string CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return name;
    }

    private static long[] CheckShape(ReadOnlySpan<long> shape, int elements)
    {
        var count = Shapes.ElementCount(shape);
        if (count != elements)
        {
            throw new ArgumentException($"Shape {Shapes.Format(shape)} holds {(count < 0 ? "an invalid number of" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} elements but the data has {elements}.", nameof(shape));
        }

        return shape.ToArray();
    }
}
