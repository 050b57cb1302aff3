using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchyard.Protocol;

internal static partial class JsonTensorData
{
    private static string? TryReadElement(ref Utf8JsonReader reader, TensorDataType type, Array data, int i)
    {
        var token = reader.TokenType;
        if (type == TensorDataType.Bool)
        {
            if (token is not (JsonTokenType.True or JsonTokenType.False))
            {
                return $"is {Describe(token)}, not true or false (BOOL)";
            }

            ((bool[])data)[i] = token == JsonTokenType.True;
            return null;
        }

        if (type == TensorDataType.Bytes)
        {
            if (token != JsonTokenType.String)
            {
                return $"is {Describe(token)}, not a string (BYTES)";
            }

            ((byte[][])data)[i] = reader.ValueIsEscaped ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray();
            return null;
        }

        if (token != JsonTokenType.Number)
        {
            return $"is {Describe(token)}, not a number ({TensorDataTypes.WireName(type)})";
        }

        switch (type)
        {
            case TensorDataType.Fp16:
            case TensorDataType.Fp32:
            case TensorDataType.Fp64:
                return TryReadFloat(ref reader, type, data, i);
            case TensorDataType.UInt64:
                if (!reader.TryGetUInt64(out var unsigned))
                {
                    return OutOfRange(ref reader, type);
                }

                ((ulong[])data)[i] = unsigned;
                return null;
            default:
                return reader.TryGetInt64(out var value) && TryStoreInteger(type, data, i, value) ? null : OutOfRange(ref reader, type);
        }
    }

    private static string? TryReadFloat(ref Utf8JsonReader reader, TensorDataType type, Array data, int i)
    {
        var value = reader.GetDouble();
        switch (type)
        {
            case TensorDataType.Fp64:
                ((double[])data)[i] = value;
                return null;
            case TensorDataType.Fp32:
                var single = (float)value;
                if (!float.IsFinite(single))
                {
                    return "is out of the FP32 range";
                }

                ((float[])data)[i] = single;
                return null;
            default:
                var half = (Half)value;
                if (!Half.IsFinite(half))
                {
                    return "is out of the FP16 range";
                }

                ((Half[])data)[i] = half;
                return null;
        }
    }

    private static bool TryStoreInteger(TensorDataType type, Array data, int i, long value)
    {
        switch (type)
        {
            case TensorDataType.Int64:
                ((long[])data)[i] = value;
                return true;
            case TensorDataType.Int32 when value is >= int.MinValue and <= int.MaxValue:
                ((int[])data)[i] = (int)value;
                return true;
            case TensorDataType.Int16 when value is >= short.MinValue and <= short.MaxValue:
                ((short[])data)[i] = (short)value;
                return true;
            case TensorDataType.Int8 when value is >= sbyte.MinValue and <= sbyte.MaxValue:
                ((sbyte[])data)[i] = (sbyte)value;
                return true;
            case TensorDataType.UInt32 when value is >= 0 and <= uint.MaxValue:
                ((uint[])data)[i] = (uint)value;
                return true;
            case TensorDataType.UInt16 when value is >= 0 and <= ushort.MaxValue:
                ((ushort[])data)[i] = (ushort)value;
                return true;
            case TensorDataType.UInt8 when value is >= 0 and <= byte.MaxValue:
                ((byte[])data)[i] = (byte)value;
                return true;
            default:
                return false;
        }
    }

    private static string OutOfRange(ref Utf8JsonReader reader, TensorDataType type)
    {
        // A JSON number is ASCII: only the part a message quotes is decoded, however many digits were sent.
        var value = reader.ValueSpan;
        var text = TextExcerpt.Shorten(Encoding.UTF8.GetString(value[..Math.Min(value.Length, TextExcerpt.MaxLength + 1)]));
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number != Math.Floor(number)
            ? $"({text}) is not an integer ({TensorDataTypes.WireName(type)})"
            : $"({text}) is out of the {TensorDataTypes.WireName(type)} range";
    }

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
