using System.Buffers;
using System.Text.Json;

namespace Switchyard.Onnx;

/// <summary>
/// The 400 result for one bad request in a batch. Throwing would fail the whole batch, so the item gets the same
/// problem+json a thrown <see cref="ServeException"/> produces instead.
/// </summary>
internal static class BadRequest
{
    private const string ContentType = "application/problem+json";

    public static ServeResponse Create(string detail)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + detail.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "https://httpstatuses.io/400");
            writer.WriteString("title", "Bad Request");
            writer.WriteNumber("status", 400);
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
        }

        return new ServeResponse(400, buffer.WrittenMemory, ContentType);
    }
}
