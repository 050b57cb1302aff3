using System.Text;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// What a replica answered, encoded for HTTP. Failures are values here, not exceptions. A backend's text answer is
/// kept as <see cref="Text"/> and encoded only when somebody asks for <see cref="Body"/>: the HTTP ingress writes the
/// text straight into the response, a handle asking for a string gets the backend's own, and a call that crosses
/// nodes is encoded when Orleans serialises <see cref="Body"/> (<see cref="Text"/> is not serialised).
/// </summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaResponse")]
internal sealed class ReplicaResponse
{
    [NonSerialized] private byte[]? _body;
    [NonSerialized] private readonly string? _text;

    [Id(0)] public int StatusCode { get; init; }
    [Id(1)] public string? ContentType { get; init; }

    /// <summary>The body's bytes; for a text answer its UTF-8 encoding, made on first use (a race encodes it twice, to equal arrays).</summary>
    [Id(2)]
    public byte[] Body
    {
        get => _body ??= Text is null ? [] : Encoding.UTF8.GetBytes(Text);
        set => _body = value;
    }

    /// <summary>A text answer not yet encoded, or null. Where it is set, <see cref="Body"/> is its UTF-8 encoding.</summary>
    public string? Text { get => _text; init => _text = value; }

    /// <summary>The text answer when its bytes were never asked for (so writing the text costs no array), else null.</summary>
    public string? UnencodedText => _body is null ? Text : null;
    [Id(3)] public KeyValuePair<string, string>[]? Headers { get; init; }

    /// <summary>For a failure: the problem title (e.g. the exception type).</summary>
    [Id(4)] public string? Title { get; init; }

    /// <summary>For a failure: the problem detail.</summary>
    [Id(5)] public string? Detail { get; init; }

    /// <summary>True when the replica did no work because it is not (or no longer) running: safe to send elsewhere.</summary>
    [Id(6)] public bool NotRunning { get; init; }

    public static ReplicaResponse Problem(int status, string title, string detail, bool notRunning = false) =>
        new() { StatusCode = status, Title = title, Detail = detail, NotRunning = notRunning };
}
