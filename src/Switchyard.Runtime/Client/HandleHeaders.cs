using System.Runtime.InteropServices;

namespace Switchyard.Runtime.Client;

/// <summary>What a handle call carries besides its route: the same few header arrays every time, and its body without a copy where it can.</summary>
internal static class HandleHeaders
{
    private static readonly KeyValuePair<string, string>[] Text = Of("text/plain; charset=utf-8");
    private static readonly KeyValuePair<string, string>[] Bytes = Of("application/octet-stream");
    private static readonly KeyValuePair<string, string>[] Json = Of("application/json");

    /// <summary>
    /// The headers of a call with <paramref name="contentType"/>: the handle's own content types share one array
    /// each (requests are immutable, so nobody changes them), any other gets its own.
    /// </summary>
    public static KeyValuePair<string, string>[]? For(string? contentType) => contentType switch
    {
        null => null,
        "text/plain; charset=utf-8" => Text,
        "application/octet-stream" => Bytes,
        "application/json" => Json,
        _ => Of(contentType),
    };

    /// <summary>
    /// The body as an array: the handle's own array when the memory is all of one (the handle encodes or copies
    /// every body into a fresh array that nobody else holds), else a copy.
    /// </summary>
    public static byte[] Whole(ReadOnlyMemory<byte> body) =>
        body.IsEmpty ? []
        : MemoryMarshal.TryGetArray(body, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length ? segment.Array
        : body.ToArray();

    private static KeyValuePair<string, string>[] Of(string contentType) => [new("Content-Type", contentType)];
}
