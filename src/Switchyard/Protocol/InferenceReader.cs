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
            return $"{OipLimits.HeaderLengthHeader} '{value}' is not a non-negative integer";
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
        var message = new Message(isRequest: true);
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
            Parameters = message.Parameters ?? (IReadOnlyDictionary<string, JsonElement>)new Dictionary<string, JsonElement>(),
        };
        return null;
    }

    /// <summary>Decodes a response (outputs, model name and version, id, parameters).</summary>
    public static string? TryReadResponse(ReadOnlyMemory<byte> body, int? headerLength, out InferenceResponse? response)
    {
        response = null;
        var message = new Message(isRequest: false);
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
            Parameters = message.Parameters ?? (IReadOnlyDictionary<string, JsonElement>)new Dictionary<string, JsonElement>(),
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
            var name = reader.GetString()!;
            reader.Read();
            if (!seen.Add(name))
            {
                return $"property \"{name}\" appears twice";
            }

            var problem = name switch
            {
                "id" => ReadString(ref reader, "id", out message.Id),
                "parameters" => ReadParameters(ref reader, "parameters", out message.Parameters, out _),
                "inputs" when message.IsRequest => ReadTensorList(ref reader, "inputs", out message.Tensors),
                "outputs" when message.IsRequest => ReadRequestedOutputs(ref reader, out message.Outputs),
                "outputs" => ReadTensorList(ref reader, "outputs", out message.Tensors),
                "model_name" when !message.IsRequest => ReadString(ref reader, "model_name", out message.ModelName),
                "model_version" when !message.IsRequest => ReadString(ref reader, "model_version", out message.ModelVersion),
                _ => Skip(ref reader),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string what, out string? value)
    {
        value = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"\"{what}\" is {JsonTensorData.Describe(reader.TokenType)}; it must be a string";
        }

        value = reader.GetString();
        return null;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }

    /// <summary>A message as read from its JSON, before its tensors' data is decoded.</summary>
    private sealed class Message(bool isRequest)
    {
        public readonly bool IsRequest = isRequest;
        public string? Id;
        public string? ModelName;
        public string? ModelVersion;
        public Dictionary<string, JsonElement>? Parameters;
        public List<TensorHeader>? Tensors;
        public List<RequestedOutput>? Outputs;
    }
}
