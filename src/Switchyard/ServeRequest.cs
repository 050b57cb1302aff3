using System.Text;
using System.Text.Json;

namespace Switchyard;

/// <summary>A request as a backend sees it, whether it came over HTTP or through a handle.</summary>
public sealed class ServeRequest
{
    private static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    // The headers as a dictionary once built, or until then the pairs they are read from (one field, not two: the
    // request is on every call's path). Read once into a local: another thread may replace the pairs by their view.
    private object _headers;

    // A body given as text (a handle called with a string) is kept as it is and encoded on first use.
    private readonly ReadOnlyMemory<byte> _body;
    private readonly string? _text;
    private byte[]? _encoded;

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
        _body = body;
        Query = query ?? Empty;
        _headers = headers ?? Empty;
        ShardKey = shardKey;
    }

    private ServeRequest(string method, string path, ReadOnlyMemory<byte> body, string? text, IReadOnlyDictionary<string, string>? query, object headers, string? shardKey)
    {
        Method = method;
        Path = path;
        _body = body;
        _text = text;
        Query = query ?? Empty;
        _headers = headers;
        ShardKey = shardKey;
    }

    /// <summary>The HTTP method (<c>POST</c> for handle calls).</summary>
    public string Method { get; }

    /// <summary>The request path (the endpoint's route for handle calls).</summary>
    public string Path { get; }

    /// <summary>Query parameters, name to value (the last value where a name repeats).</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Request headers, case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers
    {
        get
        {
            var headers = _headers;
            if (headers is IReadOnlyDictionary<string, string> built)
            {
                return built;
            }

            var view = new HeaderPairs((KeyValuePair<string, string>[])headers);
            _headers = view;
            return view;
        }
    }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body => _text is null ? _body : _encoded ??= Encoding.UTF8.GetBytes(_text);

    /// <summary>The shard key (header <c>X-SERVE-SHARD-KEY</c> or the handle option), or null.</summary>
    public string? ShardKey { get; }

    /// <summary>
    /// The decoded Open Inference Protocol request, when this request came through <c>/v2/models/{model}/infer</c>
    /// or <see cref="ServeHandle.InferAsync"/> to an <see cref="IInferenceBackend"/> (already checked against its
    /// metadata); null for a request on the endpoint's own route. Answer it with an <see cref="InferenceResponse"/>.
    /// </summary>
    public InferenceRequest? Inference { get; internal set; }

    /// <summary>The model (endpoint) an inference request called, for its response.</summary>
    internal string? ModelName { get; set; }

    /// <summary>The version (backend) answering an inference request, for its response.</summary>
    internal string? ModelVersion { get; set; }

    /// <summary>What <see cref="IRequestPreparer.Prepare"/> returned for this request (null when the backend prepares nothing).</summary>
    public object? Prepared { get; internal set; }

    /// <summary>
    /// A request carrying <paramref name="inference"/> as <see cref="Inference"/>, as the runtime hands a protocol
    /// call to a backend; for calling an <see cref="IInferenceBackend"/> directly, e.g. in its tests.
    /// </summary>
    public static ServeRequest ForInference(InferenceRequest inference, string? shardKey = null)
    {
        ArgumentNullException.ThrowIfNull(inference);
        return new ServeRequest("POST", "/", ReadOnlyMemory<byte>.Empty, shardKey: shardKey) { Inference = inference };
    }

    /// <summary>
    /// A request as it came off the wire. <paramref name="headers"/> is null, a header view, or the pairs the view is
    /// read from in place (<see cref="HeaderPairs"/>), and only when a backend asks for it: most never do, so most
    /// requests cost no header object at all. <paramref name="text"/>, when set, is the body as the caller's text
    /// (a handle called with a string): kept as it is, so <see cref="ReadText"/> returns it without a copy and
    /// <see cref="Body"/> encodes it once, on first use.
    /// </summary>
    internal static ServeRequest FromWire(string method, string path, ReadOnlyMemory<byte> body, string? text, IReadOnlyDictionary<string, string>? query, object? headers, string? shardKey) =>
        new(method, path, body, text, query, headers ?? Empty, shardKey);

    /// <summary>Reads the body as UTF-8 text.</summary>
    public string ReadText() => _text ?? Encoding.UTF8.GetString(Body.Span);

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
