using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Switchyard.Runtime.Storage;

/// <summary>
/// The layout of one state file: a magic, the schema version, the grain's ETag version, the payload's length and
/// SHA-256, then the payload. The length and hash make a truncated or damaged file certain to be noticed; the
/// schema lets an older layout be migrated and a newer one refused. Schema 0 is the layout before this one: an
/// 8-byte ETag version followed by the payload, with no way to tell damage.
/// </summary>
internal static class StateFile
{
    /// <summary>The schema this build writes and the newest it reads.</summary>
    public const int CurrentSchema = 1;

    private const int HeaderLength = 8 + 4 + 8 + 4 + 32;
    private static ReadOnlySpan<byte> Magic => "SWYDSTAT"u8;

    public static byte[] Encode(long version, ReadOnlySpan<byte> payload)
    {
        var bytes = new byte[HeaderLength + payload.Length];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], CurrentSchema);
        BinaryPrimitives.WriteInt64LittleEndian(span[12..], version);
        BinaryPrimitives.WriteInt32LittleEndian(span[20..], payload.Length);
        SHA256.HashData(payload, span[24..HeaderLength]);
        payload.CopyTo(span[HeaderLength..]);
        return bytes;
    }

    /// <summary>Reads a file's content, or says why it cannot be trusted (<paramref name="problem"/> non-null).</summary>
    public static StateFileContent? Decode(ReadOnlyMemory<byte> bytes, out string? problem)
    {
        var span = bytes.Span;
        if (!span.StartsWith(Magic))
        {
            // Schema 0: nothing to check but that the version is there.
            if (span.Length < sizeof(long))
            {
                problem = $"it is truncated ({span.Length} bytes, too short for any state)";
                return null;
            }

            problem = null;
            return new StateFileContent(0, BinaryPrimitives.ReadInt64LittleEndian(span), bytes[sizeof(long)..]);
        }

        if (span.Length < HeaderLength)
        {
            problem = $"it is truncated ({span.Length} bytes, shorter than its header)";
            return null;
        }

        var schema = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
        var version = BinaryPrimitives.ReadInt64LittleEndian(span[12..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        if (schema > CurrentSchema)
        {
            problem = null;
            return new StateFileContent(schema, version, ReadOnlyMemory<byte>.Empty);
        }

        if (length < 0 || span.Length != HeaderLength + length)
        {
            problem = $"it is truncated or damaged (its header promises {length} bytes of state, it holds {span.Length - HeaderLength})";
            return null;
        }

        var payload = bytes[HeaderLength..];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload.Span, hash);
        if (!hash.SequenceEqual(span[24..HeaderLength]))
        {
            problem = "its content does not match its checksum (damaged)";
            return null;
        }

        problem = null;
        return new StateFileContent(schema, version, payload);
    }
}
