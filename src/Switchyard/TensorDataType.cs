namespace Switchyard;

/// <summary>
/// The element types of the Open Inference Protocol (KServe v2). On the wire each is written by its upper-case
/// name (<c>FP32</c>, <c>INT64</c>, <c>BYTES</c>, ...); in .NET each maps to one element type of
/// <see cref="InferenceTensor"/>'s data.
/// </summary>
public enum TensorDataType
{
    /// <summary><c>BOOL</c>: <see cref="bool"/> (one byte, 0 or 1, in binary data).</summary>
    Bool,

    /// <summary><c>UINT8</c>: <see cref="byte"/>.</summary>
    UInt8,

    /// <summary><c>UINT16</c>: <see cref="ushort"/>.</summary>
    UInt16,

    /// <summary><c>UINT32</c>: <see cref="uint"/>.</summary>
    UInt32,

    /// <summary><c>UINT64</c>: <see cref="ulong"/>.</summary>
    UInt64,

    /// <summary><c>INT8</c>: <see cref="sbyte"/>.</summary>
    Int8,

    /// <summary><c>INT16</c>: <see cref="short"/>.</summary>
    Int16,

    /// <summary><c>INT32</c>: <see cref="int"/>.</summary>
    Int32,

    /// <summary><c>INT64</c>: <see cref="long"/>.</summary>
    Int64,

    /// <summary><c>FP16</c>: <see cref="Half"/>.</summary>
    Fp16,

    /// <summary><c>FP32</c>: <see cref="float"/>.</summary>
    Fp32,

    /// <summary><c>FP64</c>: <see cref="double"/>.</summary>
    Fp64,

    /// <summary><c>BYTES</c>: one byte string per element (UTF-8 text in JSON; length-prefixed in binary data).</summary>
    Bytes,
}
