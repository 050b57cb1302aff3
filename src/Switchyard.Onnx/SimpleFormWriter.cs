using System.Buffers;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard.Onnx;

/// <summary>
/// The own route's answer: a JSON object with each output by name, nested by its shape; for a request that sent
/// one row without the batch dimension, that dimension is left out again (<c>{"probabilities": [...], "label": 3}</c>).
/// </summary>
internal static class SimpleFormWriter
{
    private const string ContentType = "application/json; charset=utf-8";

    public static ServeResponse Write(IReadOnlyList<InferenceTensor> outputs, bool single)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions.Writer))
        {
            writer.WriteStartObject();
            foreach (var output in outputs)
            {
                writer.WritePropertyName(output.Name);
                var shape = output.ShapeArray.AsSpan();
                JsonTensorWriter.WriteNested(writer, output, 0, single && shape.Length > 0 ? shape[1..] : shape);
            }

            writer.WriteEndObject();
        }

        return new ServeResponse(200, buffer.WrittenMemory, ContentType);
    }
}
