using System.Globalization;
using System.Text.Json;

namespace Switchyard.Protocol;

internal static partial class InferenceReader
{
    /// <summary>The fewest bytes a JSON data element takes with its comma (<c>0,</c>), which bounds how many elements a body can hold.</summary>
    private const int MinJsonElementBytes = 2;

    /// <summary>Turns tensor headers into tensors: JSON data read now that datatype and shape are known, binary data taken in order after the header.</summary>
    private static string? Materialize(ReadOnlyMemory<byte> body, int? headerLength, List<TensorHeader> headers, string kind, out InferenceTensor[] tensors)
    {
        tensors = new InferenceTensor[headers.Count];
        var json = headerLength is { } h ? body[..h] : body;
        var offset = headerLength ?? body.Length;
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (header.Name is null)
            {
                return $"{kind} {i} has no name";
            }

            var what = $"{kind} '{TextExcerpt.Shorten(header.Name)}'";
            if (!names.Add(header.Name))
            {
                return $"{what} is given twice";
            }

            if (header.DataType is null || !TensorDataTypes.TryParse(header.DataType, out var type))
            {
                return header.DataType is null
                    ? $"{what} has no datatype"
                    : $"{what} has datatype '{TextExcerpt.Shorten(header.DataType)}'; known datatypes are {TensorDataTypes.Known}";
            }

            if (header.Shape is null)
            {
                return $"{what} has no shape";
            }

            var count = Shapes.ElementCount(header.Shape);
            if (count < 0)
            {
                return $"{what} has shape {Shapes.Format(header.Shape)}, more than {OipLimits.MaxElements} elements (its dimensions other than 0 multiply past the limit)";
            }

            Array data;
            if (header.BinarySize is { } size)
            {
                if (header.DataOffset >= 0)
                {
                    return $"{what} has both data and {BinaryDataSize}";
                }

                if (headerLength is null)
                {
                    return $"{what} has {BinaryDataSize} but the request has no {OipLimits.HeaderLengthHeader} header";
                }

                if (size > body.Length - offset)
                {
                    return $"{what} has {BinaryDataSize} {size} but only {body.Length - offset} bytes of binary data are left";
                }

                if (BinaryTensorData.TryRead(body.Span.Slice(offset, (int)size), type, count, header.Shape, what, out data) is { } problem)
                {
                    return problem;
                }

                offset += (int)size;
            }
            else if (header.DataOffset >= 0)
            {
                if (ReadJsonData(json.Span[header.DataOffset..], type, count, header.Shape, what, out data) is { } problem)
                {
                    return problem;
                }
            }
            else
            {
                return $"{what} has neither data nor parameters.{BinaryDataSize}";
            }

            tensors[i] = new InferenceTensor(header.Name, type, header.Shape, data, header.Parameters);
        }

        return offset == body.Length
            ? null
            : $"{body.Length - offset} bytes of binary data after the JSON header belong to no {kind}'s {BinaryDataSize}";
    }

    private static string? ReadJsonData(ReadOnlySpan<byte> json, TensorDataType type, long count, long[] shape, string what, out Array data)
    {
        var reader = new Utf8JsonReader(json, Options);
        reader.Read();

        // Sized up front only as far as the JSON left could hold (so the array is allocated once, at its size,
        // for data that is sent): beyond that it grows with the data actually sent, so a declared shape the body
        // does not back allocates nothing.
        JsonTensorData.Scan scan;
        try
        {
            var presized = Math.Min(count, (json.Length + 1) / MinJsonElementBytes);
            if (JsonTensorData.TryRead(ref reader, type, presized, count, $"{what} data", out data, out scan) is { } problem)
            {
                return problem;
            }
        }
        catch (InvalidOperationException ex)
        {
            data = Array.Empty<byte>();
            return $"{what} data is not valid JSON text: {ex.Message}"; // an escaped lone surrogate in a BYTES element
        }

        return scan.Count == count
            ? null
            : $"{what} has shape {Shapes.Format(shape)} ({count.ToString(CultureInfo.InvariantCulture)} elements) but its data has {scan.Count.ToString(CultureInfo.InvariantCulture)}";
    }
}
