using System.Text;
using System.Text.Json;
using Switchyard.Protocol;

namespace Switchyard.Runtime.Replicas;

/// <summary>
/// The replica's side of an Open Inference Protocol call: decoding the body and checking it against the backend's
/// metadata before the backend sees it, and encoding the <see cref="InferenceResponse"/> it answers with (JSON, or
/// binary where the caller asked). Runs on the thread pool, per request, never on a batch loop.
/// </summary>
internal static class InferenceCalls
{
    /// <summary>Sets <see cref="ServeRequest.Inference"/>, or returns the 400 that says why the body does not fit.</summary>
    public static ReplicaResponse? Decode(object backend, ServeRequest request)
    {
        if (backend is not IInferenceBackend model)
        {
            return ReplicaResponse.Problem(400, "Bad Request", $"Backend '{request.ModelVersion}' does not take tensors (it is not an IInferenceBackend), so it cannot serve inference calls; use the endpoint's own route.");
        }

        request.Headers.TryGetValue(OipLimits.HeaderLengthHeader, out var header);
        InferenceRequest? inference = null;
        var error = InferenceReader.TryParseHeaderLength(header, request.Body.Length, out var headerLength)
            ?? InferenceReader.TryReadRequest(request.Body, headerLength, out inference)
            ?? InferenceValidator.Validate(inference!, model.Metadata);
        if (error is not null)
        {
            return ReplicaResponse.Problem(400, "Bad Request", Sentence(error));
        }

        request.Inference = inference;
        return null;
    }

    /// <summary>Encodes what a backend answered an inference call (or an own-route call) with.</summary>
    public static ReplicaResponse Encode(object? result, ServeRequest request)
    {
        switch (result)
        {
            case InferenceResponse response:
                if (InferenceWriter.TryWriteResponse(response, request.Inference, request.ModelName, request.ModelVersion, out var encoded) is { } error)
                {
                    return ReplicaResponse.Problem(500, "InvalidOperationException", Sentence(error));
                }

                return new ReplicaResponse
                {
                    StatusCode = 200,
                    ContentType = encoded.HeaderLength is null ? ProtocolJson.ContentType : "application/octet-stream",
                    Bytes = encoded.Body,
                    Headers = encoded.HeaderLength is { } length ? [new(OipLimits.HeaderLengthHeader, length.ToString(System.Globalization.CultureInfo.InvariantCulture))] : null,
                };
            case ServeResponse { StatusCode: >= 400 } failed:
                // A batch backend's per-request failure: its problem detail becomes the protocol's error.
                return ReplicaResponse.Problem(failed.StatusCode, ResultEncoder.TitleOf(failed.StatusCode), DetailOf(failed));
            default:
                return ReplicaResponse.Problem(
                    500,
                    "InvalidOperationException",
                    $"Backend '{request.ModelVersion}' answered an inference call with {(result is null ? "null" : $"a {result.GetType().Name}")}, not an InferenceResponse.");
        }
    }

    private static string DetailOf(ServeResponse response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && (json.RootElement.TryGetProperty("detail", out var detail) || json.RootElement.TryGetProperty("error", out detail))
                && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body's text is the best message there is.
        }

        return response.Body.IsEmpty ? $"The backend answered with status {response.StatusCode}." : Encoding.UTF8.GetString(response.Body.Span);
    }

    private static string Sentence(string message) => char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? string.Empty : ".");
}
