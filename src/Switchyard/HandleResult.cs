namespace Switchyard;

/// <summary>What a handle call got back: the status, content type and body an HTTP caller would have seen.</summary>
/// <remarks>
/// <see cref="InferenceHeaderLength"/> is the <c>Inference-Header-Content-Length</c> of a binary inference response.
/// <see cref="Text"/>, when set, is the answer as text not yet encoded (then <see cref="Body"/> is empty): a caller
/// asking for a string gets it as it is, any other reads <see cref="Bytes"/>.
/// </remarks>
internal readonly record struct HandleResult(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, string? Title, string? Detail, int? InferenceHeaderLength = null, string? Text = null)
{
    /// <summary>The body's bytes, the text's UTF-8 encoding for a text answer.</summary>
    public ReadOnlyMemory<byte> Bytes => Text is { } text ? System.Text.Encoding.UTF8.GetBytes(text) : Body;
}
