namespace Switchyard;

/// <summary>
/// Caller-supplied text as error messages quote it: cut to <see cref="MaxLength"/> characters with an ellipsis, so
/// a hostile name, header or number cannot make a message (and the log line holding it) as long as the body.
/// </summary>
internal static class TextExcerpt
{
    /// <summary>The most characters of the text a message quotes.</summary>
    public const int MaxLength = 100;

    /// <summary><paramref name="text"/> as it may be quoted: the first <see cref="MaxLength"/> characters and "…" when longer; null as empty.</summary>
    public static string Shorten(string? text) => text is { Length: > MaxLength } ? text[..MaxLength] + "…" : text ?? string.Empty;
}
