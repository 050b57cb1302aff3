namespace Switchyard.Runtime.Replicas;

/// <summary>
/// The header sets that in-process calls send again and again (a handle's content types), each one array with one
/// view built once: a request carrying one of these arrays gets the shared view, so it costs no header object at
/// all. Requests are immutable and a view of so few pairs keeps no state, so sharing is safe across threads.
/// </summary>
internal static class SharedHeaders
{
    private static readonly KeyValuePair<string, string>[] Text = Of("text/plain; charset=utf-8");
    private static readonly KeyValuePair<string, string>[] Bytes = Of("application/octet-stream");
    private static readonly KeyValuePair<string, string>[] Json = Of("application/json");
    private static readonly HeaderPairs TextView = new(Text);
    private static readonly HeaderPairs BytesView = new(Bytes);
    private static readonly HeaderPairs JsonView = new(Json);

    /// <summary>The headers of a call with <paramref name="contentType"/>: one of the shared arrays, or an array of its own.</summary>
    public static KeyValuePair<string, string>[]? ForContentType(string? contentType) => contentType switch
    {
        null => null,
        "text/plain; charset=utf-8" => Text,
        "application/octet-stream" => Bytes,
        "application/json" => Json,
        _ => Of(contentType),
    };

    /// <summary>The shared view of <paramref name="pairs"/> when it is one of the shared arrays, else null.</summary>
    public static HeaderPairs? SharedViewOf(KeyValuePair<string, string>[] pairs) =>
        ReferenceEquals(pairs, Text) ? TextView
        : ReferenceEquals(pairs, Bytes) ? BytesView
        : ReferenceEquals(pairs, Json) ? JsonView
        : null;

    private static KeyValuePair<string, string>[] Of(string contentType) => [new("Content-Type", contentType)];
}
