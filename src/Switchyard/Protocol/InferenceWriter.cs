using System.Buffers;
using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// Encodes Open Inference Protocol messages: all JSON, or a JSON header followed by the binary tensors' raw bytes
/// (the binary tensor data extension), with the header's length to send as <c>Inference-Header-Content-Length</c>.
/// </summary>
internal static class InferenceWriter
{
    /// <summary>An encoded message; <see cref="HeaderLength"/> is null when it is all JSON.</summary>
    internal readonly record struct Encoded(byte[] Body, int? HeaderLength);

    /// <summary>
    /// Encodes <paramref name="response"/> for <paramref name="request"/>: only the outputs it asked for (all when it
    /// named none), each in binary when it asked (<c>binary_data</c> on the output, else <c>binary_data_output</c>
    /// on the request).
    /// </summary>
    public static string? TryWriteResponse(InferenceResponse response, InferenceRequest? request, string? modelName, string? modelVersion, out Encoded encoded)
    {
        encoded = default;
        var outputs = new List<(InferenceTensor Tensor, bool Binary)>(response.Outputs.Count);
        var binaryByDefault = request is not null && Flag(request.Parameters, "binary_data_output") == true;
        if (request is { Outputs.Count: > 0 })
        {
            foreach (var wanted in request.Outputs)
            {
                if (response.Output(wanted.Name) is not { } tensor)
                {
                    return $"the backend returned no output '{wanted.Name}' (it returned: {string.Join(", ", response.Outputs.Select(o => o.Name))})";
                }

                outputs.Add((tensor, Flag(wanted.Parameters, "binary_data") ?? binaryByDefault));
            }
        }
        else
        {
            foreach (var tensor in response.Outputs)
            {
                outputs.Add((tensor, binaryByDefault));
            }
        }

        encoded = Write(outputs, writer =>
        {
            WriteOptionalString(writer, "model_name", modelName ?? response.ModelName);
            WriteOptionalString(writer, "model_version", modelVersion ?? response.ModelVersion);
            WriteOptionalString(writer, "id", request?.Id ?? response.Id);
            WriteParameters(writer, response.Parameters);
        }, "outputs");
        return null;
    }

    /// <summary>Encodes a request with every input in binary, asking for binary outputs (what handles send).</summary>
    public static Encoded WriteRequest(InferenceRequest request)
    {
        return Write([.. request.Inputs.Select(i => (i, true))], writer =>
        {
            WriteOptionalString(writer, "id", request.Id);
            var parameters = new Dictionary<string, JsonElement>(request.Parameters, StringComparer.Ordinal)
            {
                ["binary_data_output"] = JsonSerializer.SerializeToElement(true),
            };
            WriteParameters(writer, parameters);
            if (request.Outputs.Count > 0)
            {
                writer.WriteStartArray("outputs");
                foreach (var output in request.Outputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", output.Name);
                    WriteParameters(writer, output.Parameters);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        }, "inputs");
    }

    private static Encoded Write(List<(InferenceTensor Tensor, bool Binary)> tensors, Action<Utf8JsonWriter> writeFields, string listName)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            writer.WriteStartObject();
            writeFields(writer);
            writer.WriteStartArray(listName);
            foreach (var (tensor, binary) in tensors)
            {
                WriteTensor(writer, tensor, binary);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (!tensors.Exists(t => t.Binary))
        {
            return new Encoded(buffer.WrittenSpan.ToArray(), null);
        }

        var headerLength = buffer.WrittenCount;
        foreach (var (tensor, binary) in tensors)
        {
            if (binary)
            {
                BinaryTensorData.Write(tensor, buffer);
            }
        }

        return new Encoded(buffer.WrittenSpan.ToArray(), headerLength);
    }

    private static void WriteTensor(Utf8JsonWriter writer, InferenceTensor tensor, bool binary)
    {
        writer.WriteStartObject();
        writer.WriteString("name", tensor.Name);
        writer.WriteString("datatype", TensorDataTypes.WireName(tensor.DataType));
        writer.WriteStartArray("shape");
        foreach (var dim in tensor.ShapeArray)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
        if (binary)
        {
            writer.WriteStartObject("parameters");
            foreach (var (key, value) in tensor.Parameters)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }

            writer.WriteNumber("binary_data_size", BinaryTensorData.Size(tensor));
            writer.WriteEndObject();
        }
        else
        {
            WriteParameters(writer, tensor.Parameters);
            writer.WritePropertyName("data");
            JsonTensorWriter.WriteFlat(writer, tensor);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptionalString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteParameters(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (parameters.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("parameters");
        foreach (var (key, value) in parameters)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    private static bool? Flag(IReadOnlyDictionary<string, JsonElement> parameters, string name) =>
        parameters.TryGetValue(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.ValueKind == JsonValueKind.True
            : null;
}
