using System.Runtime.InteropServices;
using Switchyard.Runtime.Replicas;

namespace Switchyard.Runtime.Client;

/// <summary>What a handle call carries besides its route: the same few header arrays every time, and its body without a copy where it can.</summary>
internal static class HandleHeaders
{
    /// <summary>
    /// The headers of a call with <paramref name="contentType"/>: the handle's own content types share one array
    /// each, and one view of it (<see cref="SharedHeaders"/>); any other gets its own.
    /// </summary>
    public static KeyValuePair<string, string>[]? For(string? contentType) => SharedHeaders.ForContentType(contentType);

    /// <summary>
    /// The body as an array: the handle's own array when the memory is all of one (the handle encodes or copies
    /// every body into a fresh array that nobody else holds), else a copy.
    /// </summary>
    public static byte[] Whole(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? []
        : MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array
        : body.ToArray();

}
