using System.Text.Json;

namespace Switchyard.Protocol;

internal static partial class InferenceReader
{
    private const string BinaryDataSize = "binary_data_size";

    private static string? ReadTensorList(ref Utf8JsonReader reader, string what, out List<TensorHeader>? tensors)
    {
        tensors = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"\"{what}\" is {JsonTensorData.Describe(reader.TokenType)}; it must be an array of tensor objects";
        }

        var list = new List<TensorHeader>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var label = $"{what}[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object with name, datatype, shape and data";
            }

            var header = new TensorHeader();
            if (ReadTensorObject(ref reader, label, header) is { } problem)
            {
                return problem;
            }

            list.Add(header);
        }

        tensors = list;
        return null;
    }

    private static string? ReadTensorObject(ref Utf8JsonReader reader, string label, TensorHeader header)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString()!;
            reader.Read();
            if (!seen.Add(property))
            {
                return $"{label} has property \"{property}\" twice";
            }

            var problem = property switch
            {
                "name" => ReadName(ref reader, label, out header.Name),
                "datatype" => ReadString(ref reader, $"{label}.datatype", out header.DataType),
                "shape" => ReadShape(ref reader, label, out header.Shape),
                "parameters" => ReadParameters(ref reader, $"{label}.parameters", out header.Parameters, out header.BinarySize),
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
        if (ReadString(ref reader, $"{label}.name", out name) is { } problem)
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

    private static string? ReadParameters(ref Utf8JsonReader reader, string label, out Dictionary<string, JsonElement>? parameters, out long? binarySize)
    {
        parameters = null;
        binarySize = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object";
        }

        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (key == BinaryDataSize)
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var size) || size < 0)
                {
                    return $"{label}.{BinaryDataSize} must be an integer ≥ 0";
                }

                binarySize = size;
                continue;
            }

            if (!found.TryAdd(key, JsonElement.ParseValue(ref reader)))
            {
                return $"{label} has \"{key}\" twice";
            }
        }

        parameters = found;
        return null;
    }

    private static string? ReadRequestedOutputs(ref Utf8JsonReader reader, out List<RequestedOutput>? outputs)
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
            var label = $"outputs[{list.Count}]";
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"{label} is {JsonTensorData.Describe(reader.TokenType)}; it must be an object with a name";
            }

            string? name = null;
            Dictionary<string, JsonElement>? parameters = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString()!;
                reader.Read();
                var problem = property switch
                {
                    "name" => ReadName(ref reader, label, out name),
                    "parameters" => ReadParameters(ref reader, $"{label}.parameters", out parameters, out _),
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
                return $"output '{name}' is requested twice";
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
        public Dictionary<string, JsonElement>? Parameters;
        public long? BinarySize;
        public int DataOffset = -1;
    }
}
