using System.Text.Json;

namespace Switchyard.Protocol;

internal static partial class InferenceReader
{
    private const string BinaryDataSize = "binary_data_size";

    /// <summary>
    /// A <c>parameters</c> object is parsed once, as one document: duplicate keys refused at every depth (the reader
    /// checks nothing inside values) and nested no deeper than the message may be.
    /// </summary>
    private static readonly JsonDocumentOptions ParameterOptions = new() { MaxDepth = OipLimits.MaxJsonDepth, AllowDuplicateProperties = false };

    private static string? ReadTensorList(ref Utf8JsonReader reader, Message message, string what, out List<TensorHeader>? tensors)
    {
        tensors = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"\"{what}\" is {JsonTensorData.Describe(reader.TokenType)}; it must be an array of tensor objects";
        }

        var list = new List<TensorHeader>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (list.Count == OipLimits.MaxTensors)
            {
                return $"\"{what}\" has more than {OipLimits.MaxTensors} tensors";
            }

            var label = $"{what}[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object with name, datatype, shape and data";
            }

            var header = new TensorHeader();
            if (ReadTensorObject(ref reader, message, label, header) is { } problem)
            {
                return problem;
            }

            list.Add(header);
        }

        tensors = list;
        return null;
    }

    private static string? ReadTensorObject(ref Utf8JsonReader reader, Message message, string label, TensorHeader header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadPropertyName(ref reader, label, out var property) is { } tooLong)
            {
                return tooLong;
            }

            reader.Read();
            if (!seen.Add(property))
            {
                return $"{label} has property \"{TextExcerpt.Shorten(property)}\" twice";
            }

            var problem = property switch
            {
                "name" => ReadName(ref reader, label, out header.Name),
                "datatype" => ReadString(ref reader, $"{label}.datatype", OipLimits.MaxDataTypeLength, out header.DataType),
                "shape" => ReadShape(ref reader, label, out header.Shape),
                "parameters" => ReadParameters(ref reader, message, $"{label}.parameters", out header.Parameters, out header.BinarySize),
                "data" => MarkData(ref reader, header),
                _ => Skip(ref reader),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? MarkData(ref Utf8JsonReader reader, TensorHeader header)
    {
        // The datatype and shape may come after the data: remember where it starts and read it once they are known.
        header.DataOffset = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return null;
    }

    private static string? ReadName(ref Utf8JsonReader reader, string label, out string? name)
    {
        if (ReadString(ref reader, $"{label}.name", OipLimits.MaxNameLength, out name) is { } problem)
        {
            return problem;
        }

        return name!.Length is 0 or > OipLimits.MaxNameLength
            ? $"{label}.name must have 1 to {OipLimits.MaxNameLength} characters"
            : null;
    }

    private static string? ReadShape(ref Utf8JsonReader reader, string label, out long[]? shape)
    {
        shape = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"{label}.shape is {JsonTensorData.Describe(reader.TokenType)}; it must be an array of dimensions";
        }

        var dims = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var dim) || dim < 0)
            {
                return $"{label}.shape[{dims.Count}] must be an integer ≥ 0";
            }

            if (dims.Count == OipLimits.MaxRank)
            {
                return $"{label}.shape has more than {OipLimits.MaxRank} dimensions";
            }

            dims.Add(dim);
        }

        shape = [.. dims];
        return null;
    }

    /// <summary>
    /// Reads a <c>parameters</c> object: its keys counted and measured and its tokens charged to the message's
    /// <see cref="OipLimits.MaxParameterTokens"/>, <c>binary_data_size</c> taken out as the tensor's binary size,
    /// then the whole object parsed once into one document the parameters are read from.
    /// </summary>
    private static string? ReadParameters(ref Utf8JsonReader reader, Message message, string label, out JsonParameters? parameters, out long? binarySize)
    {
        parameters = null;
        binarySize = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object";
        }

        var start = checked((int)reader.TokenStartIndex);
        var depth = reader.CurrentDepth;
        var count = 0;
        var atBinarySize = false;
        while (reader.Read())
        {
            if (++message.ParameterTokens > OipLimits.MaxParameterTokens)
            {
                return $"the message's parameters hold more than {OipLimits.MaxParameterTokens} JSON tokens";
            }

            if (reader.CurrentDepth == depth)
            {
                break; // the object's end
            }

            if (atBinarySize)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var size) || size < 0)
                {
                    return $"{label}.{BinaryDataSize} must be an integer ≥ 0";
                }

                binarySize = size;
                atBinarySize = false;
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                if (++count > OipLimits.MaxParameters)
                {
                    return $"{label} has more than {OipLimits.MaxParameters} parameters";
                }

                if (TooLong(ref reader, OipLimits.MaxNameLength))
                {
                    return $"{label} has a parameter name longer than {OipLimits.MaxNameLength} characters";
                }

                atBinarySize = reader.ValueTextEquals(BinaryDataSize);
            }
        }

        try
        {
            // Parsed in place from the body, then cloned: the clone keeps exactly the object's bytes and rows, and
            // the pooled rows the parse used go back to the pool.
            using var document = JsonDocument.Parse(message.Json[start..checked((int)reader.BytesConsumed)], ParameterOptions);
            parameters = new JsonParameters(document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            return $"{label} is not valid: {TextExcerpt.Shorten(ex.Message)}"; // a key given twice, at any depth
        }

        return null;
    }

    private static string? ReadRequestedOutputs(ref Utf8JsonReader reader, Message message, out List<RequestedOutput>? outputs)
    {
        outputs = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"\"outputs\" is {JsonTensorData.Describe(reader.TokenType)}; it must be an array of {{\"name\": ...}} objects";
        }

        var list = new List<RequestedOutput>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (list.Count == OipLimits.MaxTensors)
            {
                return $"\"outputs\" asks for more than {OipLimits.MaxTensors} outputs";
            }

            var label = $"outputs[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object with a name";
            }

            string? name = null;
            JsonParameters? parameters = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (ReadPropertyName(ref reader, label, out var property) is { } tooLong)
                {
                    return tooLong;
                }

                reader.Read();
                var problem = property switch
                {
                    "name" => ReadName(ref reader, label, out name),
                    "parameters" => ReadParameters(ref reader, message, $"{label}.parameters", out parameters, out _),
                    _ => Skip(ref reader),
                };
                if (problem is not null)
                {
                    return problem;
                }
            }

            if (name is null)
            {
                return $"{label} has no name";
            }

            if (!names.Add(name))
            {
                return $"output '{TextExcerpt.Shorten(name)}' is requested twice";
            }

            list.Add(new RequestedOutput(name, parameters));
        }

        outputs = list;
        return null;
    }

    /// <summary>One tensor object as read, before its data is decoded.</summary>
    private sealed class TensorHeader
    {
        public string? Name;
        public string? DataType;
        public long[]? Shape;
        public JsonParameters? Parameters;
        public long? BinarySize;
        public int DataOffset = -1;
    }
}
