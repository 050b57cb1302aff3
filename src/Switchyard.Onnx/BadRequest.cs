using System.Buffers;
using System.Text.Json;

namespace Switchyard.Onnx;

/// <summary>
/// The result for one failed request in a batch. Throwing would fail the whole batch, so the item gets the same
/// problem+json a thrown <see cref="ServeException"/> (400) or backend exception (500) produces instead.
/// </summary>
internal static class BadRequest
{
    private const string ContentType = "application/problem+json";

    public static ServeResponse Create(string detail) => Problem(400, "Bad Request", detail);

    public static ServeResponse Problem(int status, string title, string detail)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + detail.Length);
        using (var writer = new Utf8JsonWriter(buffer, Switchyard.Protocol.JsonOptions.Writer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", $"https://httpstatuses.io/{status}");
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            writer.WriteEndObject();
        }

        return new ServeResponse(status, buffer.WrittenMemory, ContentType);
    }
}
