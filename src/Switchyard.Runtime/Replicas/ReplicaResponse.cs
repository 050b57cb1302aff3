using System.Text;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// What a replica answered, encoded for HTTP. Failures are values here, not exceptions. A value, not an object, so
/// a local call's answer costs no allocation. A backend's text answer is kept as <see cref="Text"/> (it crosses
/// nodes as a string): the HTTP ingress writes it straight into the response and a handle asking for a string
/// gets the backend's own; <see cref="Body"/> encodes it for whoever needs bytes.
/// </summary>
[GenerateSerializer, Immutable, Alias("switchyard.ReplicaResponse")]
internal readonly struct ReplicaResponse
{
    [NonSerialized] private readonly bool _cancelled;

    [Id(0)] public int StatusCode { get; init; }
    [Id(1)] public string? ContentType { get; init; }

    /// <summary>The body's bytes, or null for a text answer (<see cref="Text"/>) or an empty one.</summary>
    [Id(2)] public byte[]? Bytes { get; init; }
    [Id(3)] public KeyValuePair<string, string>[]? Headers { get; init; }

    /// <summary>For a failure: the problem title (e.g. the exception type).</summary>
    [Id(4)] public string? Title { get; init; }

    /// <summary>For a failure: the problem detail.</summary>
    [Id(5)] public string? Detail { get; init; }

    /// <summary>True when the replica did no work because it is not (or no longer) running: safe to send elsewhere.</summary>
    [Id(6)] public bool NotRunning { get; init; }

    /// <summary>A text answer, or null: then <see cref="Bytes"/> is not set and <see cref="Body"/> is its UTF-8 encoding.</summary>
    [Id(7)] public string? Text { get; init; }

    /// <summary>
    /// True for the answer of a call whose caller's token was cancelled before the backend answered. Not sent over
    /// the wire: Orleans hands no answer to a caller whose token was cancelled (see <see cref="ReplicaWorker.CancelledResponse"/>).
    /// </summary>
    public bool Cancelled { get => _cancelled; init => _cancelled = value; }

    /// <summary>The body's bytes; a text answer is encoded on every call (who needs its bytes asks once).</summary>
    public byte[] Body => Bytes ?? (Text is null ? [] : Encoding.UTF8.GetBytes(Text));

    public static ReplicaResponse Problem(int status, string title, string detail, bool notRunning = false) =>
        new() { StatusCode = status, Title = title, Detail = detail, NotRunning = notRunning };
}
