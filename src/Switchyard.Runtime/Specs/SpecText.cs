using System.Buffers;
using System.Text.Unicode;

namespace Switchyard.Runtime.Specs;

/// <summary>Turns the bytes of a user-supplied document into text, refusing what no YAML or JSON reader should see.</summary>
internal static class SpecText
{
    /// <summary>Throws a <see cref="FormatException"/> naming the first byte that is not valid UTF-8.</summary>
    public static void EnsureUtf8(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            Decode(utf8); // finds and reports the position
        }
    }

    /// <summary>Decodes strict UTF-8 (a byte-order mark is skipped); invalid bytes and NUL characters are a <see cref="FormatException"/> saying where.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var nul = utf8.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new FormatException($"byte {nul}: the text holds a NUL byte, which neither YAML nor JSON allows");
        }

        // UTF-16 never needs more chars than UTF-8 has bytes.
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, utf8.Length));
        try
        {
            var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new FormatException($"byte {read}: the text is not valid UTF-8");
            }

            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
