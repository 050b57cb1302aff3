using System.Text;
using System.Text.Json;

namespace Switchyard;

/// <summary>A request as a backend sees it, whether it came over HTTP or through a handle.</summary>
public sealed class ServeRequest
{
    private static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a request.</summary>
    public ServeRequest(
        string method,
        string path,
        ReadOnlyMemory<byte> body,
        IReadOnlyDictionary<string, string>? query = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string? shardKey = null)
    {
        Method = method;
        Path = path;
        Body = body;
        Query = query ?? Empty;
        Headers = headers ?? Empty;
        ShardKey = shardKey;
    }

    /// <summary>The HTTP method (<c>POST</c> for handle calls).</summary>
    public string Method { get; }

    /// <summary>The request path (the endpoint's route for handle calls).</summary>
    public string Path { get; }

    /// <summary>Query parameters, name to value (the last value where a name repeats).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Request headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The shard key (header <c>X-SERVE-SHARD-KEY</c> or the handle option), or null.</summary>
    public string? ShardKey { get; }

    /// <summary>What <see cref="IRequestPreparer.Prepare"/> returned for this request (null when the backend prepares nothing).</summary>
    public object? Prepared { get; internal set; }

    /// <summary>Reads the body as UTF-8 text.</summary>
    public string ReadText() => Encoding.UTF8.GetString(Body.Span);

    /// <summary>Reads the body as JSON (web defaults); a malformed body throws <see cref="ServeException"/> with status 400.</summary>
    public T? ReadJson<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body.Span, ServeJson.Options);
        }
        catch (JsonException ex)
        {
            throw new ServeException(400, $"The request body is not valid JSON for {typeof(T).Name}: {ex.Message}");
        }
    }
}
