namespace Switchyard;

/// <summary>What a handle call got back: the status, content type and body an HTTP caller would have seen.</summary>
/// <remarks><see cref="InferenceHeaderLength"/> is the <c>Inference-Header-Content-Length</c> of a binary inference response.</remarks>
internal readonly record struct HandleResult(int StatusCode, string? ContentType, ReadOnlyMemory<byte> Body, string? Title, string? Detail, int? InferenceHeaderLength = null);
