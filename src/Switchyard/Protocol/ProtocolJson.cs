using System.Buffers;
using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>The protocol's small JSON bodies: errors, server metadata and model metadata.</summary>
internal static class ProtocolJson
{
    public const string ContentType = "application/json";

    /// <summary>The protocol extensions this server implements, as <c>GET /v2</c> lists them.</summary>
    public static readonly string[] Extensions = ["binary_tensor_data"];

    /// <summary><c>{"error": "message"}</c>.</summary>
    public static byte[] Error(string message) => Write(writer => writer.WriteString("error", message));

    /// <summary><c>{"name": ..., "version": ..., "extensions": [...]}</c>.</summary>
    public static byte[] ServerMetadata(string name, string version) => Write(writer =>
    {
        writer.WriteString("name", name);
        writer.WriteString("version", version);
        writer.WriteStartArray("extensions");
        foreach (var extension in Extensions)
        {
            writer.WriteStringValue(extension);
        }

        writer.WriteEndArray();
    });

    /// <summary><c>{"name", "versions", "platform", "inputs": [{name, datatype, shape}], "outputs": [...]}</c>.</summary>
    public static byte[] ModelMetadata(string name, IReadOnlyList<string> versions, ModelMetadata metadata) => Write(writer =>
    {
        writer.WriteString("name", name);
        writer.WriteStartArray("versions");
        foreach (var version in versions)
        {
            writer.WriteStringValue(version);
        }

        writer.WriteEndArray();
        writer.WriteString("platform", metadata.Platform);
        WriteTensors(writer, "inputs", metadata.Inputs);
        WriteTensors(writer, "outputs", metadata.Outputs);
    });

    private static void WriteTensors(Utf8JsonWriter writer, string name, IReadOnlyList<TensorMetadata> tensors)
    {
        writer.WriteStartArray(name);
        foreach (var tensor in tensors)
        {
            writer.WriteStartObject();
            writer.WriteString("name", tensor.Name);
            writer.WriteString("datatype", TensorDataTypes.WireName(tensor.DataType));
            writer.WriteStartArray("shape");
            foreach (var dim in tensor.Shape)
            {
                writer.WriteNumberValue(dim);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
