using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;

namespace Switchyard.Protocol;

/// <summary>
/// Decodes Open Inference Protocol messages: a JSON object, or with the binary tensor data extension a JSON header
/// of <c>Inference-Header-Content-Length</c> bytes followed by each binary tensor's raw bytes in order. Pure and
/// bounded: every size a message declares is checked against the bytes it actually has before anything is
/// allocated from it, and problems come back as one readable message rather than an exception.
/// </summary>
internal static partial class InferenceReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = OipLimits.MaxJsonDepth };

    private static readonly IReadOnlyDictionary<string, JsonElement> NoParameters = new Dictionary<string, JsonElement>();

    /// <summary>Reads the <c>Inference-Header-Content-Length</c> value (null or absent: the body is all JSON).</summary>
    public static string? TryParseHeaderLength(string? value, int bodyLength, out int? headerLength)
    {
        headerLength = null;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return $"{OipLimits.HeaderLengthHeader} '{TextExcerpt.Shorten(value)}' is not a non-negative integer";
        }

        if (length > bodyLength)
        {
            return $"{OipLimits.HeaderLengthHeader} is {length} but the body has only {bodyLength} bytes";
        }

        headerLength = length;
        return null;
    }

    /// <summary>Decodes a request (inputs, requested outputs, id, parameters).</summary>
    public static string? TryReadRequest(ReadOnlyMemory<byte> body, int? headerLength, out InferenceRequest? request)
    {
        request = null;
        var message = new Message(isRequest: true, headerLength is { } h ? body[..h] : body);
        if (ReadMessage(body, headerLength, message) is { } error)
        {
            return error;
        }

        if (message.Tensors is null)
        {
            return "the request has no \"inputs\"";
        }

        if (Materialize(body, headerLength, message.Tensors, "input", out var inputs) is { } problem)
        {
            return problem;
        }

        request = new InferenceRequest(inputs)
        {
            Id = message.Id,
            Outputs = message.Outputs ?? [],
            Parameters = message.Parameters ?? NoParameters,
        };
        return null;
    }

    /// <summary>Decodes a response (outputs, model name and version, id, parameters).</summary>
    public static string? TryReadResponse(ReadOnlyMemory<byte> body, int? headerLength, out InferenceResponse? response)
    {
        response = null;
        var message = new Message(isRequest: false, headerLength is { } h ? body[..h] : body);
        if (ReadMessage(body, headerLength, message) is { } error)
        {
            return error;
        }

        if (Materialize(body, headerLength, message.Tensors ?? [], "output", out var outputs) is { } problem)
        {
            return problem;
        }

        response = new InferenceResponse(outputs)
        {
            ModelName = message.ModelName,
            ModelVersion = message.ModelVersion,
            Id = message.Id,
            Parameters = message.Parameters ?? NoParameters,
        };
        return null;
    }

    private static string? ReadMessage(ReadOnlyMemory<byte> body, int? headerLength, Message message)
    {
        var json = headerLength is { } length ? body.Span[..length] : body.Span;
        if (json.IsEmpty)
        {
            return headerLength is null ? "the body is empty; expected a JSON object with \"inputs\"" : "the JSON header is empty";
        }

        // The JSON reader checks structure, not the bytes inside strings: invalid UTF-8 would only surface (as an
        // exception) when a string is read, so the whole header is checked once here.
        if (!Utf8.IsValid(json))
        {
            return $"the {(headerLength is null ? "body" : "JSON header")} is not valid UTF-8 (from byte {InvalidUtf8At(json).ToString(CultureInfo.InvariantCulture)})";
        }

        try
        {
            var reader = new Utf8JsonReader(json, Options);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return $"the body is {JsonTensorData.Describe(reader.TokenType)}; expected a JSON object with \"inputs\"";
            }

            var problem = ReadTopLevel(ref reader, message);
            if (problem is null && reader.Read())
            {
                return "the JSON header has content after its object";
            }

            return problem;
        }
        catch (JsonException ex)
        {
            return $"the body is not valid JSON: {ex.Message}";
        }
        catch (InvalidOperationException ex)
        {
            return $"the body is not valid JSON: {ex.Message}"; // an escape that is no character (a lone surrogate such as \\ud800)
        }
    }

    private static int InvalidUtf8At(ReadOnlySpan<byte> text)
    {
        var at = 0;
        while (Rune.DecodeFromUtf8(text[at..], out _, out var consumed) == OperationStatus.Done)
        {
            at += consumed;
        }

        return at;
    }

    private static string? ReadTopLevel(ref Utf8JsonReader reader, Message message)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadPropertyName(ref reader, "the request", out var name) is { } tooLong)
            {
                return tooLong;
            }

            reader.Read();
            if (!seen.Add(name))
            {
                return $"property \"{TextExcerpt.Shorten(name)}\" appears twice";
            }

            var problem = name switch
            {
                "id" => ReadString(ref reader, "id", OipLimits.MaxNameLength, out message.Id),
                "parameters" => ReadParameters(ref reader, message, "parameters", out message.Parameters, out _),
                "inputs" when message.IsRequest => ReadTensorList(ref reader, message, "inputs", out message.Tensors),
                "outputs" when message.IsRequest => ReadRequestedOutputs(ref reader, message, out message.Outputs),
                "outputs" => ReadTensorList(ref reader, message, "outputs", out message.Tensors),
                "model_name" when !message.IsRequest => ReadString(ref reader, "model_name", OipLimits.MaxNameLength, out message.ModelName),
                "model_version" when !message.IsRequest => ReadString(ref reader, "model_version", OipLimits.MaxNameLength, out message.ModelVersion),
                _ => Skip(ref reader),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string what, int maxLength, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"\"{what}\" is {JsonTensorData.Describe(reader.TokenType)}; it must be a string";
        }

        if (TooLong(ref reader, maxLength))
        {
            return $"\"{what}\" is longer than {maxLength} characters";
        }

        value = reader.GetString();
        return null;
    }

    /// <summary>The property name at <paramref name="reader"/>, or a problem when it is longer than <see cref="OipLimits.MaxNameLength"/>.</summary>
    private static string? ReadPropertyName(ref Utf8JsonReader reader, string where, out string name)
    {
        if (TooLong(ref reader, OipLimits.MaxNameLength))
        {
            name = string.Empty;
            return $"{where} has a property name longer than {OipLimits.MaxNameLength} characters";
        }

        name = reader.GetString()!;
        return null;
    }

    /// <summary>
    /// True when the string or property name at <paramref name="reader"/> has more than <paramref name="maxLength"/>
    /// characters, decided from its bytes where they suffice (a character takes 1 to 6 of them, escaped), so a long
    /// one is refused without being decoded.
    /// </summary>
    private static bool TooLong(ref Utf8JsonReader reader, int maxLength)
    {
        var bytes = reader.ValueSpan.Length;
        return bytes > maxLength && (bytes > maxLength * 6 || reader.GetString()!.Length > maxLength);
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>A message as read from its JSON, before its tensors' data is decoded.</summary>
    private sealed class Message(bool isRequest, ReadOnlyMemory<byte> json)
    {
        public readonly bool IsRequest = isRequest;

        /// <summary>The JSON part of the body, which <c>parameters</c> objects are parsed from in place.</summary>
        public readonly ReadOnlyMemory<byte> Json = json;
        public string? Id;
        public string? ModelName;
        public string? ModelVersion;
        public JsonParameters? Parameters;

        /// <summary>The JSON tokens its <c>parameters</c> objects have held so far, against <see cref="OipLimits.MaxParameterTokens"/>.</summary>
        public int ParameterTokens;
        public List<TensorHeader>? Tensors;
        public List<RequestedOutput>? Outputs;
    }
}
