using System.Buffers.Binary;
using System.Text;

namespace Switchyard.Tests.Protocol;

/// <summary>Builds protocol bodies the way clients do: JSON text, or a JSON header followed by raw tensor bytes.</summary>
internal static class OipMessages
{
    public static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A binary-extension body: the header's bytes, then each part in order; also returns the header length.</summary>
    public static (byte[] Body, int HeaderLength) Binary(string header, params byte[][] parts)
    {
        var head = Encoding.UTF8.GetBytes(header);
        var body = new byte[head.Length + parts.Sum(p => p.Length)];
        head.CopyTo(body, 0);
        var at = head.Length;
        foreach (var part in parts)
        {
            part.CopyTo(body, at);
            at += part.Length;
        }

        return (body, head.Length);
    }

    public static byte[] Floats(params float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static byte[] Strings(params string[] values)
    {
        using var stream = new MemoryStream();
        foreach (var value in values)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)utf8.Length);
            stream.Write(length);
            stream.Write(utf8);
        }

        return stream.ToArray();
    }
}
